import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../kernel/platform/db';
import * as schema from '../db/schema';
import type { WebhookDeliveryModel, WebhookEndpointModel } from '../models';
import { UNFINISHED } from '../store/webhooks';
import { checkTarget } from './targets';
import type { WebhookConfig } from './config';
import { retryAfterMs, retryDelayMs } from './retry';
import { openSecret } from './secrets';
import { signedHeaders } from './signing';

const { webhookEndpoints, webhookDeliveries, webhookAttempts } = schema;
type IntegrationsDb = Db<typeof schema>;

export interface Clock {
  now(): Date;
}

export interface AttemptResult {
  responseCode: number | null;
  latencyMs: number;
  error: string | null;
  retryAfter: string | null;
}

/** A lease lasts well past the HTTP timeout, so only a crashed worker's deliveries are taken over. */
export function leaseMs(config: Pick<WebhookConfig, 'timeoutMs'>): number {
  return config.timeoutMs * 2 + 30_000;
}

/**
 * Claims due deliveries for `instance`, in one short transaction: `FOR UPDATE SKIP LOCKED`
 * lets several instances claim at once without taking the same row, and the lease lets
 * another instance take over if this one dies mid-delivery. A delivery is due only when no
 * earlier delivery of the same entity to the same endpoint is unfinished: per entity, an
 * endpoint receives events in change-log order.
 */
export async function claimDue(
  db: IntegrationsDb,
  instance: string,
  now: Date,
  config: WebhookConfig,
): Promise<Array<WebhookDeliveryModel & { endpoint: WebhookEndpointModel }>> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + leaseMs(config)).toISOString();
  const unfinished = sql.join(
    UNFINISHED.map((status) => sql`${status}`),
    sql`, `,
  );
  const ids = await db.transaction(async (tx) => {
    const result = await tx.execute(sql`
      update integrations.webhook_deliveries as d
      set status = 'DELIVERING', lease_owner = ${instance}, lease_expires_at = ${until}::timestamptz, updated_at = ${at}::timestamptz
      where d.id in (
        select c.id
        from integrations.webhook_deliveries as c
        join integrations.webhook_endpoints as e on e.id = c.endpoint_id
        where e.status = 'ACTIVE'
          and ((c.status in ('PENDING', 'FAILED') and c.next_attempt_at <= ${at}::timestamptz)
            or (c.status = 'DELIVERING' and c.lease_expires_at <= ${at}::timestamptz))
          and not exists (
            select 1 from integrations.webhook_deliveries as p
            where p.endpoint_id = c.endpoint_id and p.entity_key = c.entity_key
              and p.sequence < c.sequence and p.status in (${unfinished}))
        order by c.next_attempt_at, c.sequence
        limit ${config.batchSize}
        for update of c skip locked
      )
      returning d.id`);
    return rowsOf<{ id: string }>(result).map((row) => row.id);
  });
  if (ids.length === 0) return [];
  const rows = await db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(inArray(webhookDeliveries.id, ids));
  return rows.map((row) => ({ ...row.delivery, endpoint: row.endpoint }));
}

/** The secrets that sign now: the current one, and the previous one during its rotation grace. */
export function signingSecrets(endpoint: WebhookEndpointModel, now: Date): string[] {
  const secrets = [openSecret(endpoint.secret)];
  if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(openSecret(endpoint.previousSecret));
  }
  return secrets;
}

export type Fetch = typeof fetch;

/** One HTTP attempt. Never throws: a refused target, a timeout or a reset is an error result. */
export async function attempt(
  delivery: WebhookDeliveryModel & { endpoint: WebhookEndpointModel },
  now: Date,
  config: WebhookConfig,
  fetchImpl: Fetch = fetch,
): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const url = await checkTarget(delivery.endpoint.url, config.allowPrivateTargets);
    const body = JSON.stringify(delivery.payload);
    const headers = signedHeaders(signingSecrets(delivery.endpoint, now), delivery.eventId, Math.floor(now.getTime() / 1000), body);
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'sti-graph-webhooks/1', ...headers },
      body,
      // A redirect could point anywhere, a private address included: it counts as a failure.
      redirect: 'manual',
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    return { responseCode: response.status, latencyMs: elapsed(), error: null, retryAfter: response.headers.get('retry-after') };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const message =
      (error as Error).name === 'TimeoutError' ? `timed out after ${config.timeoutMs} ms` : `${(error as Error).message}${cause ? ` (${cause})` : ''}`;
    return { responseCode: null, latencyMs: elapsed(), error: message.slice(0, 500), retryAfter: null };
  }
}

export type Outcome = { status: 'SUCCEEDED' } | { status: 'FAILED'; nextAttemptAt: Date } | { status: 'DEAD'; disableEndpoint: boolean };

/** What an attempt means for its delivery: success, a retry at a time, or giving up. */
export function outcomeOf(
  result: AttemptResult,
  firstAttemptAt: Date,
  attemptNumber: number,
  now: Date,
  config: WebhookConfig,
  random: () => number = Math.random,
): Outcome {
  const code = result.responseCode;
  if (code !== null && code >= 200 && code < 300) return { status: 'SUCCEEDED' };
  if (code === 410) return { status: 'DEAD', disableEndpoint: true };
  const honoured = code === 429 || code === 503 ? retryAfterMs(result.retryAfter, now) : null;
  const delay = honoured ?? retryDelayMs(attemptNumber, config, random);
  const next = new Date(now.getTime() + delay);
  if (next.getTime() > firstAttemptAt.getTime() + config.retryWindowMs) return { status: 'DEAD', disableEndpoint: false };
  return { status: 'FAILED', nextAttemptAt: next };
}

/**
 * Records an attempt and its outcome in one short transaction. The delivery is updated only
 * while this instance still holds its lease; a 410 disables the endpoint and gives up its
 * other unfinished deliveries.
 */
export async function recordAttempt(
  db: IntegrationsDb,
  instance: string,
  delivery: WebhookDeliveryModel,
  result: AttemptResult,
  attemptedAt: Date,
  now: Date,
  config: WebhookConfig,
  random?: () => number,
): Promise<Outcome> {
  const number = delivery.attemptCount + 1;
  const firstAttemptAt = delivery.firstAttemptAt ?? attemptedAt;
  const outcome = outcomeOf(result, firstAttemptAt, number, now, config, random);
  await db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values({
      deliveryId: delivery.id,
      attempt: number,
      attemptedAt,
      responseCode: result.responseCode,
      latencyMs: result.latencyMs,
      error: result.error,
      instance,
    });
    await tx
      .update(webhookDeliveries)
      .set({
        status: outcome.status,
        attemptCount: number,
        firstAttemptAt,
        ...(outcome.status === 'FAILED' ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
        leaseOwner: null,
        leaseExpiresAt: null,
        lastResponseCode: result.responseCode,
        lastLatencyMs: result.latencyMs,
        lastError: result.error ?? (outcome.status === 'SUCCEEDED' ? null : `HTTP ${result.responseCode}`),
        updatedAt: now,
      })
      .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.leaseOwner, instance)));
    if (outcome.status === 'DEAD' && outcome.disableEndpoint) {
      await tx
        .update(webhookEndpoints)
        .set({ status: 'DISABLED', statusReason: 'The endpoint answered 410 Gone', version: sql`${webhookEndpoints.version} + 1`, updatedAt: now })
        .where(eq(webhookEndpoints.id, delivery.endpointId));
      await tx
        .update(webhookDeliveries)
        .set({ status: 'DEAD', lastError: 'endpoint disabled (410 Gone)', leaseOwner: null, leaseExpiresAt: null, updatedAt: now })
        .where(and(eq(webhookDeliveries.endpointId, delivery.endpointId), inArray(webhookDeliveries.status, ['PENDING', 'FAILED'])));
    }
  });
  return outcome;
}
