import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ASSERTION_HEADER,
  AssertionVerifier,
  assertionHeaders,
  developmentKeys,
  secretFromEnv,
  serviceAssertionHeaders,
  signAssertion,
} from '../assertion';
import { ANONYMOUS, canReadPersonalData, canWrite, type Caller } from '../caller';
import { newTestSecret } from '../testing/assertion';
import { withEnv } from '../testing/env-vars';

const EDITOR: Caller = { role: 'editor', organizationId: 'org-1', subject: 'alice' };


describe('caller assertions', () => {
  const secret = newTestSecret();

  it('carries the caller to the subgraph it is addressed to', async () => {
    const verifier = new AssertionVerifier(secret, 'experts');
    expect(await verifier.caller(await assertionHeaders(secret, 'experts', EDITOR))).toEqual(EDITOR);
    expect(await verifier.caller(await assertionHeaders(secret, 'experts'))).toEqual(ANONYMOUS);
  });

  it('carries an editor’s domains, an API key’s scopes, the credential kind and the origin', async () => {
    const verifier = new AssertionVerifier(secret, 'experts');
    const caller: Caller = {
      role: 'editor',
      organizationId: 'org-1',
      subject: 'apikey:42',
      domains: ['experts'],
      scopes: ['WRITE'],
      credential: 'apiKey',
      origin: { ip: '203.0.113.9', userAgent: 'ministry-sync/1.0' },
    };
    expect(await verifier.caller(await assertionHeaders(secret, 'experts', caller))).toEqual(caller);
    // An empty scope list still narrows (a read-only key), unlike no list at all (a token).
    const readOnly = await verifier.caller(await assertionHeaders(secret, 'experts', { ...caller, scopes: [] }));
    expect(readOnly.scopes).toEqual([]);
  });

  it('refuses a missing, forged, expired, misaddressed or replayed assertion', async () => {
    const verifier = new AssertionVerifier(secret, 'experts');
    await expect(verifier.caller({})).rejects.toThrow(/Missing x-sti-assertion/);
    await expect(verifier.caller(await assertionHeaders(newTestSecret(), 'experts', EDITOR))).rejects.toThrow(/not valid/);
    await expect(verifier.caller({ [ASSERTION_HEADER]: await signAssertion(secret, 'experts', EDITOR, -30) })).rejects.toThrow(/expired/);
    await expect(verifier.caller(await assertionHeaders(secret, 'programmes', EDITOR))).rejects.toThrow(/aud/);
    const once = await assertionHeaders(secret, 'experts', EDITOR);
    await verifier.caller(once);
    await expect(verifier.caller(once)).rejects.toThrow(/already used/);
  });

  it('refuses an assertion that lives longer than the gateway ever signs', async () => {
    const verifier = new AssertionVerifier(secret, 'experts');
    await expect(verifier.caller({ [ASSERTION_HEADER]: await signAssertion(secret, 'experts', EDITOR, 3600) })).rejects.toThrow(/too long/);
  });

  it('keeps service assertions (internal routes) and caller assertions (GraphQL) apart', async () => {
    const verifier = new AssertionVerifier(secret, 'integrations');
    expect(await verifier.service(await serviceAssertionHeaders(secret, 'programmes'))).toBe('programmes');
    await expect(verifier.service(await assertionHeaders(secret, 'integrations', EDITOR))).rejects.toThrow(/aud/);
    await expect(verifier.caller(await serviceAssertionHeaders(secret, 'programmes'))).rejects.toThrow(/aud/);
  });
});

describe('shared secrets', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sti-keys-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('outside production, an unset secret is the development key every process of the graph shares', () => {
    withEnv({ NODE_ENV: 'development', DATA_DIR: dataDir, INTERNAL_ASSERTION_SECRET: undefined }, () => {
      const first = secretFromEnv('INTERNAL_ASSERTION_SECRET', 'internalAssertionSecret');
      expect(first.development).toBe(true);
      expect(first.secret).toMatch(/^sti-dev-/);
      expect(secretFromEnv('INTERNAL_ASSERTION_SECRET', 'internalAssertionSecret').secret).toBe(first.secret);
      expect(JSON.parse(readFileSync(path.join(dataDir, 'dev-keys.json'), 'utf8'))).toEqual(developmentKeys());
    });
  });

  it('in production, refuses a missing, short or development secret', () => {
    const check = (value: string | undefined) =>
      withEnv({ NODE_ENV: 'production', DATA_DIR: dataDir, INTERNAL_ASSERTION_SECRET: value }, () => secretFromEnv('INTERNAL_ASSERTION_SECRET', 'internalAssertionSecret'));
    expect(() => check(undefined)).toThrow(/INTERNAL_ASSERTION_SECRET is required in production/);
    expect(() => check('too-short')).toThrow(/at least 32 bytes/);
    expect(() => check(developmentKeys().internalAssertionSecret)).toThrow(/development key/);
    const real = newTestSecret();
    expect(check(real)).toEqual({ secret: real, development: false });
  });
});

describe('roles', () => {
  it('lets partners and admins read personal data, and editors write their own organisation’s records', () => {
    expect(canReadPersonalData({ role: 'partner', organizationId: 'org-1', subject: 'p' })).toBe(true);
    expect(canReadPersonalData(ANONYMOUS)).toBe(false);
    expect(canWrite(EDITOR, 'org-1', 'programmes')).toBe(true);
    expect(canWrite(EDITOR, 'org-2', 'programmes')).toBe(false);
    expect(canWrite({ role: 'partner', organizationId: 'org-1', subject: 'p' }, 'org-1', 'programmes')).toBe(false);
    expect(canWrite({ role: 'admin', organizationId: null, subject: 'a' }, 'org-2', 'programmes')).toBe(true);
  });
});
