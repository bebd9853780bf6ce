import { ANONYMOUS, type Caller } from '../../kernel/identity/caller';
import { eventVisibleTo } from '../../kernel/identity/access-policy';
import { DEFAULT_WEBHOOK_CONFIG } from '../webhooks/config';
import { retryAfterMs, retryDelayMs } from '../webhooks/retry';
import { generateSecret, signature, signedHeaders, verifyWebhook } from '../webhooks/signing';
import { sealSecret, openSecret } from '../webhooks/secrets';
import { checkTarget, isNonPublicAddress, parseTargetUrl } from '../webhooks/targets';
import { outcomeOf } from '../webhooks/worker';

describe('Standard Webhooks signatures', () => {
  it('matches the specification’s test vector', () => {
    // From the Standard Webhooks reference libraries' tests.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    expect(signature(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('verifies with either secret while rotating, and refuses tampering, other secrets and stale timestamps', () => {
    const [oldSecret, newSecret, other] = [generateSecret(), generateSecret(), generateSecret()];
    const now = new Date('2025-06-01T00:00:00Z');
    const body = JSON.stringify({ id: 'e1', version: 2 });
    const headers = signedHeaders([newSecret, oldSecret], 'e1', now.getTime() / 1000, body);
    expect(verifyWebhook(newSecret, body, headers, { now })).toEqual({ id: 'e1', version: 2 });
    expect(verifyWebhook(oldSecret, body, new Headers(headers), { now })).toEqual({ id: 'e1', version: 2 });
    expect(() => verifyWebhook(other, body, headers, { now })).toThrow(/No webhook-signature/);
    expect(() => verifyWebhook(newSecret, body.replace('2', '3'), headers, { now })).toThrow(/No webhook-signature/);
    expect(() => verifyWebhook(newSecret, body, headers, { now: new Date(now.getTime() + 301_000) })).toThrow(/timestamp/);
    expect(() => verifyWebhook(newSecret, body, { ...headers, 'webhook-id': 'e2' }, { now })).toThrow(/No webhook-signature/);
  });

  it('seals secrets at rest when an encryption key is configured', () => {
    const secret = generateSecret();
    expect(sealSecret(secret)).toBe(secret);
    process.env.WEBHOOKS_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
    try {
      const sealed = sealSecret(secret);
      expect(sealed).not.toContain(secret.slice(6));
      expect(openSecret(sealed)).toBe(secret);
    } finally {
      delete process.env.WEBHOOKS_ENCRYPTION_KEY;
    }
    expect(() => openSecret(`enc:v1:a:b:c`)).toThrow(/WEBHOOKS_ENCRYPTION_KEY/);
  });
});

describe('webhook targets', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.8',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
  ])('%s is not public', (address) => expect(isNonPublicAddress(address)).toBe(true));
  it.each(['8.8.8.8', '172.32.0.1', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) =>
    expect(isNonPublicAddress(address)).toBe(false),
  );
  it('accepts http(s) only, without credentials, and resolves hostnames before judging them', async () => {
    expect(() => parseTargetUrl('ftp://example.org/')).toThrow(/http or https/);
    expect(() => parseTargetUrl('https://user:pw@example.org/')).toThrow(/credentials/);
    await expect(checkTarget('http://localhost:8080/hook', false)).rejects.toThrow(/public address/);
    await expect(checkTarget('http://[fe80::1]/hook', false)).rejects.toThrow(/public address/);
    await expect(checkTarget('http://localhost:8080/hook', true)).resolves.toBeInstanceOf(URL);
    await expect(checkTarget('https://93.184.215.14/hook', false)).resolves.toBeInstanceOf(URL);
  });
});

describe('retries', () => {
  const config = DEFAULT_WEBHOOK_CONFIG;
  const start = new Date('2025-06-01T00:00:00Z');
  const failure = { responseCode: 500, latencyMs: 3, error: null, retryAfter: null };

  it('back off exponentially with jitter, the last step repeating', () => {
    expect(retryDelayMs(1, config, () => 0.5)).toBe(5_000);
    expect(retryDelayMs(2, config, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(1, config, () => 0)).toBe(4_000);
    expect(retryDelayMs(1, config, () => 1)).toBe(6_000);
    expect(retryDelayMs(50, config, () => 0.5)).toBe(8 * 3_600_000);
  });

  it('keep retrying for three days from the first attempt, then give up', () => {
    let now = start;
    let attempts = 0;
    for (;;) {
      attempts++;
      const outcome = outcomeOf(failure, start, attempts, now, config, () => 0.5);
      if (outcome.status !== 'FAILED') {
        expect(outcome).toEqual({ status: 'DEAD', disableEndpoint: false });
        break;
      }
      now = outcome.nextAttemptAt;
    }
    expect(now.getTime() - start.getTime()).toBeGreaterThan(64 * 3_600_000);
    expect(now.getTime() - start.getTime()).toBeLessThanOrEqual(72 * 3_600_000);
    expect(attempts).toBeGreaterThanOrEqual(15);
  });

  it('treat 2xx as success, 410 as disabling, and honour Retry-After on 429 and 503 only', () => {
    expect(outcomeOf({ ...failure, responseCode: 204 }, start, 1, start, config)).toEqual({ status: 'SUCCEEDED' });
    expect(outcomeOf({ ...failure, responseCode: 410 }, start, 1, start, config)).toEqual({ status: 'DEAD', disableEndpoint: true });
    expect(outcomeOf({ ...failure, responseCode: 429, retryAfter: '120' }, start, 1, start, config)).toEqual({
      status: 'FAILED',
      nextAttemptAt: new Date(start.getTime() + 120_000),
    });
    expect(outcomeOf({ ...failure, responseCode: 500, retryAfter: '120' }, start, 1, start, config, () => 0.5)).toEqual({
      status: 'FAILED',
      nextAttemptAt: new Date(start.getTime() + 5_000),
    });
    expect(retryAfterMs('Sun, 01 Jun 2025 00:10:00 GMT', start)).toBe(600_000);
    expect(retryAfterMs('soon', start)).toBeNull();
  });
});

describe('event visibility for endpoint owners', () => {
  const levels = ['PUBLIC', 'RESTRICTED', 'INTERNAL'] as const;
  const seen = (caller: Caller) => levels.filter((level) => eventVisibleTo(caller, { level, ownerOrganizationId: null }));
  it('is the change feed’s rule: anonymous and integrators see public events, admins all', () => {
    expect(seen(ANONYMOUS)).toEqual(['PUBLIC']);
    expect(seen({ role: 'integrator', organizationId: null, subject: 'k1' })).toEqual(['PUBLIC']);
    expect(seen({ role: 'admin', organizationId: null, subject: 'a1' })).toEqual(['PUBLIC', 'RESTRICTED', 'INTERNAL']);
  });
});
