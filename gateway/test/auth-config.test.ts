import { generateKeyPair, exportJWK, SignJWT } from 'jose';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAuthenticator } from '../auth/authenticate';
import { authConfigFromEnv } from '../auth/config';
import { gatewayAuth } from '../auth';
import { developmentKeys } from '../../subgraphs/kernel/identity/assertion';
import { newTestSecret } from '../../subgraphs/kernel/testing/assertion';
import { withEnv } from '../../subgraphs/kernel/testing/env-vars';

const UNSET = {
  AUTH_JWT_SECRET: undefined,
  AUTH_JWKS_FILE: undefined,
  AUTH_JWKS_URL: undefined,
  AUTH_ISSUER: undefined,
  AUTH_AUDIENCE: undefined,
  INTERNAL_ASSERTION_SECRET: undefined,
};

describe('gateway authentication configuration', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sti-auth-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies tokens against a JWKS file (asymmetric keys)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const file = path.join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] }));
    const config = withEnv(
      { ...UNSET, NODE_ENV: 'development', AUTH_JWKS_FILE: file, AUTH_ISSUER: 'https://id.example', AUTH_AUDIENCE: 'sti' },
      authConfigFromEnv,
    );
    const authenticate = createAuthenticator(config);
    const token = await new SignJWT({ role: 'integrator' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer('https://id.example')
      .setAudience('sti')
      .setSubject('svc-1')
      .setExpirationTime('5m')
      .sign(privateKey);
    expect(await authenticate({ authorization: `Bearer ${token}` })).toEqual({
      role: 'integrator',
      organizationId: null,
      subject: 'svc-1',
      credential: 'token',
    });
    // An HS256 token "signed" with the public key must not pass (algorithm confusion).
    const confused = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuer('https://id.example')
      .setAudience('sti')
      .setSubject('mallory')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(JSON.stringify(await exportJWK(publicKey))));
    await expect(authenticate({ authorization: `Bearer ${confused}` })).rejects.toThrow(/algorithm/);
  });

  it('refuses to start in production with development keys, or without keys, issuer and audience', () => {
    const dev = withEnv({ DATA_DIR: dir }, developmentKeys);
    const production = (vars: Record<string, string | undefined>) => () =>
      withEnv({ ...UNSET, NODE_ENV: 'production', DATA_DIR: dir, ...vars }, () => gatewayAuth({}));
    const good = { AUTH_JWT_SECRET: newTestSecret(), AUTH_ISSUER: 'https://id.example', AUTH_AUDIENCE: 'sti', INTERNAL_ASSERTION_SECRET: newTestSecret() };
    expect(production(good)).not.toThrow();
    expect(production({ ...good, AUTH_JWT_SECRET: dev.authJwtSecret })).toThrow(/AUTH_JWT_SECRET is a development key/);
    expect(production({ ...good, INTERNAL_ASSERTION_SECRET: dev.internalAssertionSecret })).toThrow(/INTERNAL_ASSERTION_SECRET is a development key/);
    expect(production({ ...good, INTERNAL_ASSERTION_SECRET: undefined })).toThrow(/INTERNAL_ASSERTION_SECRET is required/);
    expect(production({ ...good, AUTH_JWT_SECRET: undefined })).toThrow(/AUTH_JWKS_URL, AUTH_JWKS_FILE or AUTH_JWT_SECRET/);
    expect(production({ ...good, AUTH_ISSUER: undefined })).toThrow(/AUTH_ISSUER and AUTH_AUDIENCE/);
    expect(production({ ...good, AUTH_JWT_SECRET: 'short' })).toThrow(/at least 32 bytes/);
  });
});
