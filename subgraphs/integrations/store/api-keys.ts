import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Domain, Scope } from '../../kernel/identity/access-policy';
import type { Caller } from '../../kernel/identity/caller';
import type { Db } from '../../kernel/platform/db';
import { tableConnection, type ConnectionArgs } from '../../kernel/platform/pagination';
import * as schema from '../db/schema';
import type { ApiKeyRole } from '../db/schema';
import type { ApiKeyModel } from '../models';
import { auditOwnWrite } from './audit-log';

const { apiKeys, webhookEndpoints } = schema;
type IntegrationsDb = Db<typeof schema>;

/** Every key starts with this, so scanners and people recognise one (and its leaks). */
export const API_KEY_PREFIX = 'sti_';
/** `sti_` + base64url of 32 random bytes (43 characters). */
export const API_KEY_PATTERN = /^sti_[A-Za-z0-9_-]{43}$/;
/** How much of the key lists show: `sti_` and 8 characters (48 of its 256 bits). */
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
/** A key's `lastUsedAt` is written at most this often, not on every request. */
export const LAST_USED_PRECISION_MS = 60_000;

/** A new key: 256 random bits. */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * SHA-256 (hex) of the whole key: what is stored and looked up. A fast hash is right here:
 * the key has 256 random bits, so there is no dictionary to try and no brute force that a
 * slow hash would slow down enough to matter.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The subject an API key acts as: in assertions, the audit log and webhook ownership. */
export function apiKeySubject(id: string): string {
  return `apikey:${id}`;
}

export interface NewApiKey {
  name: string;
  role: ApiKeyRole;
  organizationId: string | null;
  domains: Domain[];
  scopes: Scope[];
  expiresAt: Date;
}

/** Creates a key and audits it, in one transaction; returns it and the key itself (shown once). */
export async function createApiKey(
  db: IntegrationsDb,
  input: NewApiKey,
  caller: Caller,
  requestId: string,
  now: Date,
): Promise<{ apiKey: ApiKeyModel; secret: string }> {
  const secret = generateApiKey();
  const apiKey = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        id: randomUUID(),
        ...input,
        prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH),
        secretHash: hashApiKey(secret),
        createdAt: now,
        createdBy: caller.subject,
      })
      .returning();
    await auditOwnWrite(
      tx,
      caller,
      requestId,
      {
        type: 'api_key.created',
        entityType: 'ApiKey',
        entityId: row!.id,
        operation: 'CREATE',
        changedFields: ['name', 'role', 'organizationId', 'domains', 'scopes', 'expiresAt'],
      },
      now,
    );
    return row!;
  });
  return { apiKey, secret };
}

/**
 * Revokes a key (the gateway stops accepting it within its API_KEY_CACHE_SECONDS), and
 * disables the webhook endpoints it created: they received what the key could see. A key
 * already revoked stays as it was. Returns null for an unknown id.
 */
export async function revokeApiKey(db: IntegrationsDb, id: string, caller: Caller, requestId: string, now: Date): Promise<ApiKeyModel | null> {
  return db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: now, revokedBy: caller.subject })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning();
    if (!revoked) {
      const [existing] = await tx.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
      return existing ?? null;
    }
    await tx
      .update(webhookEndpoints)
      .set({ status: 'DISABLED', statusReason: 'The API key that created it was revoked', version: sql`${webhookEndpoints.version} + 1`, updatedAt: now })
      .where(eq(webhookEndpoints.ownerSubject, apiKeySubject(id)));
    await auditOwnWrite(
      tx,
      caller,
      requestId,
      { type: 'api_key.revoked', entityType: 'ApiKey', entityId: id, operation: 'UPDATE', changedFields: ['revokedAt'] },
      now,
    );
    return revoked;
  });
}

export async function loadApiKeys(db: IntegrationsDb, ids: readonly string[]): Promise<ApiKeyModel[]> {
  return ids.length === 0
    ? []
    : db
        .select()
        .from(apiKeys)
        .where(inArray(apiKeys.id, [...ids]));
}

export interface ApiKeyListFilter {
  organizationId?: string | null;
  role?: ApiKeyRole | null;
  /** true: neither revoked nor expired at `now`; false: revoked or expired. */
  active?: boolean | null;
}

function activeAt(now: Date): SQL {
  return and(isNull(apiKeys.revokedAt), gt(apiKeys.expiresAt, now))!;
}

/** Keys, newest first. */
export function listApiKeys(db: IntegrationsDb, args: ConnectionArgs, filter: ApiKeyListFilter, now: Date) {
  const where = and(
    filter.organizationId != null ? eq(apiKeys.organizationId, filter.organizationId) : undefined,
    filter.role != null ? eq(apiKeys.role, filter.role) : undefined,
    filter.active == null ? undefined : filter.active ? activeAt(now) : or(isNotNull(apiKeys.revokedAt), lte(apiKeys.expiresAt, now)),
  );
  return tableConnection(db, {
    table: apiKeys,
    rows: db.select().from(apiKeys).$dynamic(),
    args,
    filter: where,
    descending: true,
    sortKeys: [
      { column: apiKeys.createdAt, value: (row) => row.createdAt },
      { column: apiKeys.id, value: (row) => row.id },
    ],
  });
}

/**
 * Endpoints whose owner is not an API key refused at `now` (revoked or expired): an owner who
 * may see nothing gets nothing. Endpoints created with tokens always pass.
 */
export function endpointOwnerKeyAccepted(now: Date): SQL {
  return sql`not exists (select 1 from ${apiKeys} where ${webhookEndpoints.ownerSubject} = 'apikey:' || ${apiKeys.id}
    and (${apiKeys.revokedAt} is not null or ${apiKeys.expiresAt} <= ${now.toISOString()}::timestamptz))`;
}

/** What a presented key turns out to be. */
export type KeyCheck = { valid: true; apiKey: ApiKeyModel } | { valid: false; reason: string };

/**
 * Looks a presented key up by its hash (no timing to learn from: the hash of a guess says
 * nothing about stored hashes) and notes its use, at most once a minute per key.
 */
export async function checkApiKey(db: IntegrationsDb, key: string, now: Date): Promise<KeyCheck> {
  if (!API_KEY_PATTERN.test(key)) return { valid: false, reason: 'This is not an API key of this graph (they look like sti_ followed by 43 characters)' };
  const [apiKey] = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.secretHash, hashApiKey(key)))
    .limit(1);
  if (!apiKey) return { valid: false, reason: 'Unknown API key' };
  if (apiKey.revokedAt) return { valid: false, reason: 'This API key has been revoked' };
  if (apiKey.expiresAt <= now) return { valid: false, reason: `This API key expired at ${apiKey.expiresAt.toISOString()}` };
  if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    const stale = new Date(now.getTime() - LAST_USED_PRECISION_MS);
    // The condition repeats the check, so concurrent requests write it once between them.
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.id, apiKey.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, stale))));
  }
  return { valid: true, apiKey };
}

/** The caller a valid key acts as, as the gateway puts it in its assertions. */
export function callerOfApiKey(apiKey: ApiKeyModel): Required<Pick<Caller, 'role' | 'organizationId' | 'subject' | 'domains' | 'scopes'>> {
  return {
    role: apiKey.role,
    organizationId: apiKey.organizationId,
    subject: apiKeySubject(apiKey.id),
    domains: apiKey.domains,
    scopes: apiKey.scopes,
  };
}
