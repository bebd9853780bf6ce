import { eq, inArray } from 'drizzle-orm';
import type { Caller } from '../../kernel/identity/caller';
import type { DatabaseHandle } from '../../kernel/platform/db';
import { ConfigError } from '../../kernel/platform/env';
import { withEnv } from '../../kernel/testing/env-vars';
import { openTestDatabase } from '../../kernel/testing/database';
import { integrations } from '..';
import * as schema from '../db/schema';
import { deliveryRetentionDaysFromEnv, pruneOnce, type RetentionSettings } from '../feed/retention';
import { createEndpoint, pruneDeliveries, queuePing, redeliver, setEndpointStatus } from '../store/webhooks';
import { WebhookService } from '../webhooks/service';
import { FakeClock, HOUR, TEST_CONFIG } from './webhook-helpers';

const DAY = 24 * HOUR;
const admin: Caller = { role: 'admin', organizationId: null, subject: 'admin-retention' };
const SETTINGS: RetentionSettings = { changeLogDays: 30, auditLogDays: null, deliveryDays: 30 };

describe('webhook delivery log retention', () => {
  let database: DatabaseHandle<typeof schema>;
  const db = () => database.db;
  const clock = new FakeClock();
  /** The receiver: 204 for URLs ending in /ok, 500 for the others. */
  const fetchStub: typeof fetch = async (input) => new Response(null, { status: String(input).endsWith('/ok') ? 204 : 500 });
  let service: WebhookService;

  const endpoint = async (path: string) =>
    (
      await createEndpoint(
        db(),
        { url: `http://127.0.0.1:9/${path}`, description: null, filter: { types: [], entityTypes: [], entityIds: [] }, owner: admin },
        { caller: admin, requestId: 'retention-test' },
        clock.now(),
      )
    ).endpoint;

  const status = async (ids: string[]) => {
    const rows = await db()
      .select({ id: schema.webhookDeliveries.id, status: schema.webhookDeliveries.status })
      .from(schema.webhookDeliveries)
      .where(inArray(schema.webhookDeliveries.id, ids));
    return Object.fromEntries(rows.map((row) => [row.id, row.status]));
  };
  const attempts = async (deliveryId: string) =>
    (await db().select().from(schema.webhookAttempts).where(eq(schema.webhookAttempts.deliveryId, deliveryId))).length;

  /** Advances the fake clock in steps, delivering whatever falls due at each. */
  const runFor = async (totalMs: number, stepMs: number) => {
    for (let elapsed = 0; elapsed < totalMs; elapsed += stepMs) {
      clock.advance(stepMs);
      await service.drain();
    }
  };

  beforeAll(async () => {
    database = await openTestDatabase(integrations);
    await database.migrate();
    service = new WebhookService(db(), { clock, instanceId: 'retention', config: TEST_CONFIG, fetch: fetchStub, random: () => 0.5 });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('removes finished deliveries (delivered or given up) with their attempts once older than the retention; never unfinished ones', async () => {
    const ok = await endpoint('ok');
    const failing = await endpoint('failing');
    const paused = await endpoint('ok');
    await setEndpointStatus(db(), paused.id, 'PAUSED', 'held', clock.now());

    const delivered = await queuePing(db(), ok.id, clock.now());
    const givenUp = await queuePing(db(), failing.id, clock.now());
    const held = await queuePing(db(), paused.id, clock.now());
    await service.drain();
    expect(await status([delivered.id, givenUp.id, held.id])).toEqual({ [delivered.id]: 'SUCCEEDED', [givenUp.id]: 'FAILED', [held.id]: 'PENDING' });

    // Three days of retries, then the failing delivery is given up (finished ~3 days after the delivered one).
    await runFor(4 * DAY, HOUR);
    expect(await status([givenUp.id])).toEqual({ [givenUp.id]: 'DEAD' });
    expect(await attempts(delivered.id)).toBe(1);
    expect(await attempts(givenUp.id)).toBeGreaterThan(5);
    // A delivery still retrying, however old, is owed to its receiver.
    const retrying = await queuePing(db(), failing.id, clock.now());
    await service.drain();
    expect(await status([retrying.id])).toEqual({ [retrying.id]: 'FAILED' });

    // 31 days after the first delivery: only it is past 30 days since it finished.
    clock.advance(27 * DAY);
    await pruneOnce(db(), SETTINGS, clock.now());
    expect(await status([delivered.id, givenUp.id, held.id, retrying.id])).toEqual({ [givenUp.id]: 'DEAD', [held.id]: 'PENDING', [retrying.id]: 'FAILED' });
    expect(await attempts(delivered.id)).toBe(0);
    expect(await attempts(givenUp.id)).toBeGreaterThan(5);

    // Past 30 days after it was given up, the dead delivery and its attempts go too. The paused
    // endpoint's delivery, queued 34 days ago and never sent, stays; so does the retrying one
    // (its next attempt is not due: the clock moved without a worker running).
    clock.advance(4 * DAY);
    await pruneOnce(db(), SETTINGS, clock.now());
    expect(await status([givenUp.id, held.id, retrying.id])).toEqual({ [held.id]: 'PENDING', [retrying.id]: 'FAILED' });
    expect(await attempts(givenUp.id)).toBe(0);
    // The retrying delivery would be given up by the next tests' workers: not theirs to count.
    await db().delete(schema.webhookEndpoints).where(eq(schema.webhookEndpoints.id, failing.id));
  });

  it('keeps a delivery queued again after it finished: redelivery makes it unfinished', async () => {
    const ok = await endpoint('ok');
    const ping = await queuePing(db(), ok.id, clock.now());
    await service.drain();
    expect(await status([ping.id])).toEqual({ [ping.id]: 'SUCCEEDED' });
    clock.advance(40 * DAY);
    await setEndpointStatus(db(), ok.id, 'PAUSED', 'held', clock.now());
    await redeliver(db(), ok.id, { ids: [ping.id] }, clock.now());
    clock.advance(40 * DAY);
    expect(await pruneDeliveries(db(), new Date(clock.now().getTime() - 30 * DAY))).toBe(0);
    expect(await status([ping.id])).toEqual({ [ping.id]: 'PENDING' });
  });

  it('deletes in batches until nothing old is left', async () => {
    const ok = await endpoint('ok');
    const pings = [];
    for (let i = 0; i < 5; i++) pings.push(await queuePing(db(), ok.id, clock.now()));
    await service.drain();
    clock.advance(31 * DAY);
    expect(await pruneDeliveries(db(), new Date(clock.now().getTime() - 30 * DAY), 2)).toBe(5);
    expect(await status(pings.map((ping) => ping.id))).toEqual({});
  });

  it('reads WEBHOOKS_DELIVERY_RETENTION_DAYS: 30 days by default, at least 1', () => {
    expect(withEnv({ WEBHOOKS_DELIVERY_RETENTION_DAYS: undefined }, deliveryRetentionDaysFromEnv)).toBe(30);
    expect(withEnv({ WEBHOOKS_DELIVERY_RETENTION_DAYS: '7' }, deliveryRetentionDaysFromEnv)).toBe(7);
    expect(withEnv({ WEBHOOKS_DELIVERY_RETENTION_DAYS: '1' }, deliveryRetentionDaysFromEnv)).toBe(1);
    expect(() => withEnv({ WEBHOOKS_DELIVERY_RETENTION_DAYS: '0' }, deliveryRetentionDaysFromEnv)).toThrow(ConfigError);
  });
});
