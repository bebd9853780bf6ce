import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ASSERTION_HEADER,
  AssertionCheckUnavailable,
  AssertionVerifier,
  assertionHeaders,
  requestDigest,
  developmentKeys,
  secretFromEnv,
  serviceAssertionHeaders,
  signAssertion,
} from '../identity/assertion';
import { ANONYMOUS, canReadPersonalData, canWrite, type Caller } from '../identity/caller';
import { openSharedStore } from '../platform/shared-store';
import { freePort } from '../testing/process';
import { newTestSecret } from '../testing/assertion';
import { withEnv } from '../testing/env-vars';

const EDITOR: Caller = { role: 'editor', organizationId: 'org-1', subject: 'alice' };

describe('caller assertions', () => {
  const secret = newTestSecret();
  const REQUEST = { query: 'query ($id: ID) { expert(id: $id) { fullName } }', variables: { id: 'e-1' } };

  it('carries the caller to the subgraph it is addressed to', async () => {
    const verifier = new AssertionVerifier(secret, 'experts');
    expect(await verifier.caller(await assertionHeaders(secret, 'experts', EDITOR, REQUEST), REQUEST)).toEqual(EDITOR);
    expect(await verifier.caller(await assertionHeaders(secret, 'experts', ANONYMOUS, REQUEST), REQUEST)).toEqual(ANONYMOUS);
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
    expect(await verifier.caller(await assertionHeaders(secret, 'experts', caller, REQUEST), REQUEST)).toEqual(caller);
    // An empty scope list still narrows (a read-only key), unlike no list at all (a token).
    const readOnly = await verifier.caller(await assertionHeaders(secret, 'experts', { ...caller, scopes: [] }, REQUEST), REQUEST);
    expect(readOnly.scopes).toEqual([]);
  });

  it('refuses a missing, forged, expired, misaddressed or replayed assertion', async () => {
    const verifier = new AssertionVerifier(secret, 'experts');
    await expect(verifier.caller({}, REQUEST)).rejects.toThrow(/Missing x-sti-assertion/);
    await expect(verifier.caller(await assertionHeaders(newTestSecret(), 'experts', EDITOR, REQUEST), REQUEST)).rejects.toThrow(/not valid/);
    await expect(
      verifier.caller({ [ASSERTION_HEADER]: await signAssertion(secret, 'experts', EDITOR, REQUEST, { ttlSeconds: -30 }) }, REQUEST),
    ).rejects.toThrow(/expired/);
    await expect(verifier.caller(await assertionHeaders(secret, 'programmes', EDITOR, REQUEST), REQUEST)).rejects.toThrow(/aud/);
    const once = await assertionHeaders(secret, 'experts', EDITOR, REQUEST);
    await verifier.caller(once, REQUEST);
    await expect(verifier.caller(once, REQUEST)).rejects.toThrow(/already used/);
  });

  it('refuses an assertion that lives longer than the gateway ever signs', async () => {
    const verifier = new AssertionVerifier(secret, 'experts');
    await expect(
      verifier.caller({ [ASSERTION_HEADER]: await signAssertion(secret, 'experts', EDITOR, REQUEST, { ttlSeconds: 3600 }) }, REQUEST),
    ).rejects.toThrow(/too long/);
  });

  it('attack: an assertion issued in the future beyond the clock skew is refused', async () => {
    const verifier = new AssertionVerifier(secret, 'experts');
    const now = Math.floor(Date.now() / 1000);
    const signedAt = (at: number) => signAssertion(secret, 'experts', EDITOR, REQUEST, { now: at }).then((token) => ({ [ASSERTION_HEADER]: token }));
    await expect(verifier.caller(await signedAt(now + 86_400), REQUEST)).rejects.toThrow(/issued in the future/);
    await expect(verifier.caller(await signedAt(now + 60), REQUEST)).rejects.toThrow(/issued in the future/);
    expect(await verifier.caller(await signedAt(now + 3), REQUEST)).toEqual(EDITOR); // within the 5 s the graph's clocks may drift
  });

  it('attack: an assertion is good for the request it was signed for only', async () => {
    const verifier = new AssertionVerifier(secret, 'experts');
    const headers = await assertionHeaders(secret, 'experts', EDITOR, REQUEST);
    await expect(verifier.caller(headers, { ...REQUEST, query: '{ experts { nodes { contact { email } } } }' })).rejects.toThrow(/another request/);
    await expect(verifier.caller(headers, { ...REQUEST, variables: { id: 'e-2' } })).rejects.toThrow(/another request/);
    await expect(verifier.caller(headers, { ...REQUEST, operationName: 'Other' })).rejects.toThrow(/another request/);
    await expect(verifier.caller(headers, {})).rejects.toThrow(/another request/);
    expect(await verifier.caller(headers, REQUEST)).toEqual(EDITOR);
  });

  it('digests a request by its content, not its spelling as JSON', () => {
    const nested = { query: 'q', variables: { input: { b: 1, a: [{ y: 2, x: 1 }] }, first: 3 } };
    const reordered = { variables: { first: 3, input: { a: [{ x: 1, y: 2 }], b: 1 } }, query: 'q' };
    expect(requestDigest(reordered)).toBe(requestDigest(nested));
    expect(requestDigest(JSON.parse(JSON.stringify(nested)) as typeof nested)).toBe(requestDigest(nested));
    expect(requestDigest({ query: 'q' })).toBe(requestDigest({ query: 'q', variables: {} }));
    expect(requestDigest({ query: 'q', variables: { a: [1, 2] } })).not.toBe(requestDigest({ query: 'q', variables: { a: [2, 1] } }));
    expect(requestDigest({ query: 'q', variables: { a: '1' } })).not.toBe(requestDigest({ query: 'q', variables: { a: 1 } }));
  });

  it('answers "cannot be checked" (never accepts unchecked) when the store of used assertions does not answer', async () => {
    const unavailable = await openSharedStore({ url: `redis://127.0.0.1:${await freePort()}` }); // nothing listens there
    try {
      const verifier = new AssertionVerifier(secret, 'experts', unavailable);
      await expect(verifier.caller(await assertionHeaders(secret, 'experts', EDITOR, REQUEST), REQUEST)).rejects.toThrow(AssertionCheckUnavailable);
    } finally {
      await unavailable.close();
    }
  });

  it('keeps service assertions (internal routes) and caller assertions (GraphQL) apart', async () => {
    const verifier = new AssertionVerifier(secret, 'integrations');
    expect(await verifier.service(await serviceAssertionHeaders(secret, 'programmes'))).toBe('programmes');
    await expect(verifier.service(await assertionHeaders(secret, 'integrations', EDITOR, REQUEST))).rejects.toThrow(/aud/);
    await expect(verifier.caller(await serviceAssertionHeaders(secret, 'programmes'), REQUEST)).rejects.toThrow(/aud/);
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
      withEnv({ NODE_ENV: 'production', DATA_DIR: dataDir, INTERNAL_ASSERTION_SECRET: value }, () =>
        secretFromEnv('INTERNAL_ASSERTION_SECRET', 'internalAssertionSecret'),
      );
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
