import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { GraphQLError } from 'graphql';
import { AssertionVerifier, serviceAssertionHeaders } from '../../subgraphs/kernel/identity/assertion';
import { API_KEY_VERIFY_PATH } from '../../subgraphs/kernel/platform/internal-paths';
import { newTestSecret } from '../../subgraphs/kernel/testing/assertion';
import { freePort } from '../../subgraphs/kernel/testing/process';
import { gatewayAuth } from '../auth';
import { apiKeyVerifier, callerFromVerification } from '../auth/api-keys';
import { createAuthenticator } from '../auth/authenticate';
import { AuthenticationError, CredentialCheckUnavailable } from '../auth/errors';
import { clientIp, requestOrigin, type TrustProxy } from '../auth/origin';
import { internalRequestHeaders } from '../limits/rate-limit';

/**
 * The gateway's half of API keys, against a stand-in for the integrations subgraph's verify
 * route that answers by the contract (200 `{caller}` / 401 `{error}`): what is cached, what is
 * not, and that a key that cannot be checked is never served anonymously. The whole path
 * through the real integrations subgraph is gateway/test/api-keys.test.ts.
 */
const PARTNER_KEY = {
  role: 'partner',
  organizationId: 'org-1',
  subject: 'apikey:k1',
  domains: [],
  scopes: ['CHANGES'],
};

describe('API key verification at the gateway', () => {
  const secret = newTestSecret();
  const internal = new AssertionVerifier(secret, 'integrations');
  let server: Server;
  let verifyUrl: string;
  const calls: Array<{ key: string; service: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', async () => {
        const service = await internal.service(req.headers).catch(() => null);
        const reply = (status: number, payload: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
        if (req.url !== API_KEY_VERIFY_PATH || !service) return reply(401, { error: 'Internal routes need a service assertion' });
        const { key } = JSON.parse(body) as { key: string };
        calls.push({ key, service });
        if (key === 'sti_good') return reply(200, { caller: PARTNER_KEY });
        if (key === 'sti_unscoped') return reply(200, { caller: { ...PARTNER_KEY, scopes: undefined } });
        if (key === 'sti_broken') return reply(500, { error: 'boom' });
        reply(401, { error: key === 'sti_revoked' ? 'The API key was revoked' : 'Unknown API key' });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    verifyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${API_KEY_VERIFY_PATH}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => void (calls.length = 0));

  const service = () => serviceAssertionHeaders(secret, 'gateway');

  it('asks the verify route with the gateway service assertion and returns the key’s caller, scopes set', async () => {
    const verify = apiKeyVerifier({ verifyUrl, headers: service, cacheSeconds: 0, timeoutMs: 2_000 });
    expect(await verify('sti_good')).toEqual({ role: 'partner', organizationId: 'org-1', subject: 'apikey:k1', credential: 'apiKey', scopes: ['CHANGES'] });
    expect(calls).toEqual([{ key: 'sti_good', service: 'gateway' }]);
  });

  it('caches a positive answer for cacheSeconds', async () => {
    let now = 1_000_000;
    const verify = apiKeyVerifier({ verifyUrl, headers: service, cacheSeconds: 5, timeoutMs: 2_000, now: () => now });
    await verify('sti_good');
    now += 4_000;
    await verify('sti_good');
    expect(calls).toHaveLength(1);
    now += 1_500; // past 5 s: asked again, so a revoked key stops working within the cache time
    await verify('sti_good');
    expect(calls).toHaveLength(2);
  });

  it('attack: a refused key is refused from memory for a short window, without asking again', async () => {
    let now = 1_000_000;
    const verify = apiKeyVerifier({ verifyUrl, headers: service, cacheSeconds: 0, refusalCacheSeconds: 30, timeoutMs: 2_000, now: () => now });
    await expect(verify('sti_revoked')).rejects.toThrow(new AuthenticationError('The API key was revoked'));
    await expect(verify('sti_revoked')).rejects.toThrow(new AuthenticationError('The API key was revoked'));
    now += 29_000;
    await expect(verify('sti_revoked')).rejects.toThrow(AuthenticationError);
    expect(calls.filter((call) => call.key === 'sti_revoked')).toHaveLength(1);
    now += 2_000; // past the window: asked again
    await expect(verify('sti_revoked')).rejects.toThrow(AuthenticationError);
    expect(calls.filter((call) => call.key === 'sti_revoked')).toHaveLength(2);
  });

  it('runs beforeLookup only when it must ask, and does not ask when it throws', async () => {
    const verify = apiKeyVerifier({ verifyUrl, headers: service, cacheSeconds: 60, timeoutMs: 2_000 });
    const before = jest.fn(async () => undefined);
    await verify('sti_good', { beforeLookup: before });
    await verify('sti_good', { beforeLookup: before }); // cached
    await expect(verify('sti_unknown', { beforeLookup: before })).rejects.toThrow(AuthenticationError);
    await expect(verify('sti_unknown', { beforeLookup: before })).rejects.toThrow(AuthenticationError); // refused from memory
    expect(before).toHaveBeenCalledTimes(2);
    await expect(verify('sti_other', { beforeLookup: () => Promise.reject(new Error('over the rate')) })).rejects.toThrow('over the rate');
    expect(calls.map((call) => call.key)).toEqual(['sti_good', 'sti_unknown']);
  });

  it('never caches "cannot be checked"', async () => {
    const verify = apiKeyVerifier({ verifyUrl, headers: service, cacheSeconds: 60, timeoutMs: 2_000 });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await expect(verify('sti_broken')).rejects.toThrow(CredentialCheckUnavailable);
      await expect(verify('sti_broken')).rejects.toThrow(CredentialCheckUnavailable);
    } finally {
      warn.mockRestore();
    }
    expect(calls).toHaveLength(2);
  });

  it('refuses an empty or oversized key without asking', async () => {
    const verify = apiKeyVerifier({ verifyUrl, headers: service, cacheSeconds: 0, timeoutMs: 2_000 });
    await expect(verify('')).rejects.toThrow(/empty/);
    await expect(verify('x'.repeat(600))).rejects.toThrow(AuthenticationError);
    expect(calls).toHaveLength(0);
  });

  it('answers "cannot be checked" (never anonymous) when the verify route is unreachable, fails, or answers without scopes', async () => {
    const closed = `http://127.0.0.1:${await freePort()}${API_KEY_VERIFY_PATH}`;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await expect(apiKeyVerifier({ verifyUrl: closed, headers: service, cacheSeconds: 0, timeoutMs: 2_000 })('sti_good')).rejects.toThrow(
        CredentialCheckUnavailable,
      );
      const verify = apiKeyVerifier({ verifyUrl, headers: service, cacheSeconds: 0, timeoutMs: 2_000 });
      await expect(verify('sti_broken')).rejects.toThrow(CredentialCheckUnavailable);
      await expect(verify('sti_unscoped')).rejects.toThrow(CredentialCheckUnavailable);
      await expect(apiKeyVerifier({ verifyUrl: null, headers: service, cacheSeconds: 0, timeoutMs: 2_000 })('sti_good')).rejects.toThrow(
        /no integrations service/,
      );
    } finally {
      warn.mockRestore();
    }
  });

  it('accepts only well-formed callers from the verify route', () => {
    expect(callerFromVerification(PARTNER_KEY)).toMatchObject({ credential: 'apiKey' });
    expect(callerFromVerification({ ...PARTNER_KEY, role: 'root' })).toBeNull();
    expect(callerFromVerification({ ...PARTNER_KEY, organizationId: null })).toBeNull(); // a partner acts for an organisation
    expect(callerFromVerification({ ...PARTNER_KEY, subject: 'someone' })).toBeNull();
    expect(callerFromVerification({ ...PARTNER_KEY, scopes: ['EVERYTHING'] })).toBeNull();
    expect(callerFromVerification({ ...PARTNER_KEY, role: 'editor', domains: ['experts'] })).toMatchObject({ domains: ['experts'] });
  });

  it('takes one credential: a Bearer token and an API key together are refused', async () => {
    const auth = { keys: { secret: newTestSecret() }, issuer: 'i', audience: 'a', clockSkewSeconds: 30 };
    const authenticate = createAuthenticator(auth, apiKeyVerifier({ verifyUrl, headers: service, cacheSeconds: 0, timeoutMs: 2_000 }));
    await expect(authenticate({ authorization: 'Bearer x', 'x-api-key': 'sti_good' })).rejects.toThrow(/Send one credential/);
    expect(calls).toHaveLength(0);
    expect(await authenticate({})).toEqual({ role: 'public', organizationId: null, subject: null, credential: 'none' });
    expect(await authenticate({ 'x-api-key': 'sti_good' })).toMatchObject({ subject: 'apikey:k1', credential: 'apiKey' });
  });

  it('turns "cannot be checked" into HTTP 503 SERVICE_UNAVAILABLE in the gateway context, with the origin', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/graphql`;
    const auth = gatewayAuth({
      auth: { keys: { secret: newTestSecret() }, issuer: 'i', audience: 'a', clockSkewSeconds: 30 },
      assertionSecret: secret,
      integrationsUrl: closed,
      apiKeyCacheSeconds: 0,
    });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const error = await auth.context({ 'x-api-key': 'sti_good' }, { ip: null, userAgent: null }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', http: { status: 503 } });
    } finally {
      warn.mockRestore();
    }
    const origin = { ip: '203.0.113.7', userAgent: 'curl/8' };
    expect((await auth.context({}, origin)).caller).toEqual({ role: 'public', organizationId: null, subject: null, credential: 'none', origin });
  });
});

describe('request origin for the audit log', () => {
  const trustOf = (setting: boolean | number | string): TrustProxy => {
    const app = express();
    app.set('trust proxy', setting);
    return app.get('trust proxy fn') as TrustProxy;
  };
  const request = (remoteAddress: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;

  it('takes the socket address unless a proxy is trusted, then walks X-Forwarded-For back to the first untrusted hop', () => {
    const proxied = request('10.0.0.2', { 'x-forwarded-for': '198.51.100.9, 203.0.113.7' });
    expect(clientIp(proxied, trustOf(false))).toBe('10.0.0.2'); // a client cannot claim an address by sending the header
    expect(clientIp(proxied, trustOf(true))).toBe('198.51.100.9'); // GATEWAY_TRUST_PROXY=true: the first hop
    expect(clientIp(proxied, trustOf(1))).toBe('203.0.113.7'); // one proxy in front: the address it saw
    expect(clientIp(proxied, trustOf('10.0.0.0/8'))).toBe('203.0.113.7');
    expect(clientIp(request('::ffff:127.0.0.1'), trustOf(false))).toBe('127.0.0.1');
  });

  it('cuts the user agent, and believes a forwarded origin only from the gateway itself', () => {
    const long = request('127.0.0.1', { 'user-agent': 'x'.repeat(1_000) });
    expect(requestOrigin(long, trustOf(false)).userAgent).toHaveLength(300);
    const forged = request('127.0.0.1', { 'x-sti-origin-ip': '1.2.3.4', 'x-sti-gateway-internal': 'guess' });
    expect(requestOrigin(forged, trustOf(false))).toEqual({ ip: '127.0.0.1', userAgent: null });
    const internal = request('127.0.0.1', { 'x-sti-origin-ip': '1.2.3.4', 'x-sti-origin-user-agent': 'app/1', ...internalRequestHeaders });
    expect(requestOrigin(internal, trustOf(false))).toEqual({ ip: '1.2.3.4', userAgent: 'app/1' });
  });
});
