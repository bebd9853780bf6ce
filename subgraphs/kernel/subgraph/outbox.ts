import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, text, timestamp, type PgSchema } from 'drizzle-orm/pg-core';
import type { EventAccess } from '../identity/access-policy';
import type { Caller } from '../identity/caller';
import type { Db } from '../platform/db';
import { badUserInput, conflict } from '../platform/errors';

/**
 * The transactional outbox. Every write and the change event describing it commit in the
 * same transaction, in the subgraph's own database; a relay (outbox-relay.ts) later hands
 * committed events to the integrations subgraph. A failed write rolls back its event too,
 * so the change feed never reports what did not happen and never misses what did.
 */

/** The outbox table, in the subgraph's own PostgreSQL schema. Call once in `db/schema.ts`. */
export function outboxTable<TName extends string>(schema: PgSchema<TName>) {
  return schema.table(
    'outbox',
    {
      /** Allocation order only; NOT commit order (see outbox-relay.ts for why that is fine). */
      position: bigserial('position', { mode: 'number' }).primaryKey(),
      eventId: text('event_id').notNull().unique(),
      type: text('type').notNull(),
      entityType: text('entity_type').notNull(),
      entityId: text('entity_id').notNull(),
      operation: text('operation').$type<ChangeOperation>().notNull(),
      entityVersion: integer('entity_version').notNull(),
      occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
      actor: jsonb('actor').$type<EventActor>().notNull(),
      changedFields: jsonb('changed_fields').$type<string[]>().notNull(),
      before: jsonb('before').$type<Record<string, unknown> | null>(),
      after: jsonb('after').$type<Record<string, unknown> | null>(),
      access: jsonb('access').$type<EventAccess>().notNull(),
      relayedAt: timestamp('relayed_at', { withTimezone: true }),
    },
    (table) => [
      index(`${schema.schemaName}_outbox_pending_idx`)
        .on(table.position)
        .where(sql`relayed_at is null`),
    ],
  );
}

/** Idempotency keys of creates: a retried request with the same key creates nothing twice. */
export function idempotencyKeysTable<TName extends string>(schema: PgSchema<TName>) {
  return schema.table('idempotency_keys', {
    key: text('key').primaryKey(),
    operation: text('operation').notNull(),
    requestHash: text('request_hash').notNull(),
    entityId: text('entity_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  });
}

export type ChangeOperation = 'CREATE' | 'UPDATE' | 'DELETE';

/** Who made a change and from where, as recorded in the event and the audit log (never credentials). */
export interface EventActor {
  role: Caller['role'];
  subject: string | null;
  organizationId: string | null;
  requestId: string;
  /** How they authenticated: token, apiKey (absent in events written before the audit log). */
  credential?: Caller['credential'];
  /** The client's address and user agent as the gateway saw them. */
  ip?: string | null;
  userAgent?: string | null;
}

export type { EventAccess } from '../identity/access-policy';

export interface ChangeEvent {
  /** Dotted, past tense: `indicator.observation.recorded`, `startup.updated`. */
  type: string;
  entityType: string;
  entityId: string;
  operation: ChangeOperation;
  /** The entity's version after the change. */
  version: number;
  changedFields: string[];
  /**
   * Snapshots as committed, without values that never leave their table (contact details);
   * each reader then gets them filtered by EVENT_FIELD_RULES (access-policy.ts).
   */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  access?: EventAccess;
}

/** What every event of a write names: its type, the entity, the state after, who may see it. */
interface EventSubject {
  type: string;
  entityType: string;
  entityId: string;
  after: Record<string, unknown>;
  access: EventAccess;
}

/**
 * The event of creating an entity: version 1, no `before`, every field of `after` changed
 * (sorted). Pass `changedFields` where the list differs, e.g. names fields kept out of `after`.
 */
export function createdEvent(event: EventSubject & { changedFields?: string[] }): ChangeEvent {
  const { type, entityType, entityId, after, access } = event;
  return {
    type,
    entityType,
    entityId,
    operation: 'CREATE',
    version: 1,
    changedFields: event.changedFields ?? Object.keys(after).sort(),
    before: null,
    after,
    access,
  };
}

/**
 * The event of updating an entity to `version`: `changedFields` defaults to the fields whose
 * values differ between `before` and `after`. A `before` of null (no earlier state the event's
 * audience may see) needs an explicit `changedFields`.
 */
export function updatedEvent(
  event: EventSubject & { version: number } & (
      { before: Record<string, unknown>; changedFields?: string[] } | { before: Record<string, unknown> | null; changedFields: string[] }
    ),
): ChangeEvent {
  const { type, entityType, entityId, version, before, after, access } = event;
  const fields = event.changedFields ?? changedFields(before as Record<string, unknown>, after);
  return { type, entityType, entityId, operation: 'UPDATE', version, changedFields: fields, before, after, access };
}

type OutboxTable = ReturnType<typeof outboxTable<string>>;
type IdempotencyTable = ReturnType<typeof idempotencyKeysTable<string>>;

export interface WriteContext<TSchema extends Record<string, unknown> = Record<string, unknown>> {
  db: Db<TSchema>;
  caller: Caller;
  requestId: string;
}

export interface WriteOptions {
  /** Names the mutation, e.g. `recordObservation`; scopes the idempotency key. */
  operation: string;
  /** With a key, a retry of the same input returns the first result instead of writing again. */
  idempotencyKey?: string | null;
  /** The mutation input, to tell a true retry from a reused key. */
  input?: unknown;
}

export type Emit = (event: ChangeEvent) => Promise<void>;

export interface WriteResult<Row = never> {
  /** The id of the entity the mutation answers with. */
  entityId: string;
  /** True when an earlier request with the same idempotency key already did the work. */
  replayed: boolean;
  /**
   * The record as this write's transaction left it (what `returning()` gave), when the work
   * returned it; null on a replay, where an earlier request wrote it. `committed` answers with it.
   */
  row: Row | null;
}

/** What a write's work returns: the written row (preferred: the mutation answers with it) or only its id. */
export type Written = string | { id: string };

function isRow<TWritten extends Written>(written: TWritten): written is Exclude<TWritten, string> {
  return typeof written !== 'string';
}

/**
 * Binds the outbox to one subgraph's tables. `write(context, options, work)` runs `work`
 * in a transaction; events `work` emits are inserted in that same transaction.
 */
export function createWriter<TSchema extends Record<string, unknown>>(outbox: OutboxTable, idempotencyKeys: IdempotencyTable) {
  return async function write<TWritten extends Written>(
    context: WriteContext<TSchema>,
    options: WriteOptions,
    work: (tx: Db<TSchema>, emit: Emit) => Promise<TWritten>,
  ): Promise<WriteResult<Exclude<TWritten, string>>> {
    type Result = WriteResult<Exclude<TWritten, string>>;
    const key = options.idempotencyKey?.trim() || null;
    if (key !== null && key.length > 200) throw badUserInput('idempotencyKey must be at most 200 characters', 'idempotencyKey');
    // Only a keyed write stores or compares it: a write without a key skips serialising and hashing its input.
    const requestHash =
      key === null
        ? ''
        : createHash('sha256')
            .update(JSON.stringify(options.input ?? null))
            .digest('hex');
    const scopedKey = key === null ? null : `${options.operation}:${context.caller.subject ?? 'anonymous'}:${key}`;

    return context.db
      .transaction(async (db) => {
        if (scopedKey !== null) {
          // Twins with one key run one after the other: the second waits here until the first commits, then
          // finds its key and replays its answer (rather than failing on the record the first created).
          await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${scopedKey}, 0))`);
          // A key found here was committed by an earlier request.
          const [previous] = await db
            .select()
            .from(idempotencyKeys)
            .where(sql`${idempotencyKeys.key} = ${scopedKey}`)
            .limit(1);
          if (previous) {
            if (previous.requestHash !== requestHash) {
              throw badUserInput('This idempotencyKey was already used with a different input; use a new key for a new request', 'idempotencyKey');
            }
            return { entityId: previous.entityId, replayed: true, row: null } satisfies Result;
          }
        }
        const actor: EventActor = {
          role: context.caller.role,
          subject: context.caller.subject,
          organizationId: context.caller.organizationId,
          requestId: context.requestId,
          credential: context.caller.credential ?? 'none',
          ip: context.caller.origin?.ip ?? null,
          userAgent: context.caller.origin?.userAgent ?? null,
        };
        const emitted: ChangeEvent[] = [];
        const emit: Emit = async (event) => {
          emitted.push(event);
          await db.insert(outbox).values({
            eventId: randomUUID(),
            type: event.type,
            entityType: event.entityType,
            entityId: event.entityId,
            operation: event.operation,
            entityVersion: event.version,
            actor,
            changedFields: event.changedFields,
            before: event.before,
            after: event.after,
            access: event.access ?? { level: 'PUBLIC', ownerOrganizationId: null },
          });
        };
        const written = await work(db, emit);
        const entityId = typeof written === 'string' ? written : written.id;
        const row = isRow(written) ? written : null;
        // An update that changed nothing leaves no trace: no version moved, no event (see `nothingChanged`).
        if (nothingChanged(emitted)) throw new NothingChanged(entityId);
        if (scopedKey !== null) {
          const inserted = await db
            .insert(idempotencyKeys)
            .values({ key: scopedKey, operation: options.operation, requestHash, entityId })
            .onConflictDoNothing()
            .returning({ key: idempotencyKeys.key });
          // Lost a race with an identical request that committed first: undo ours, answer with theirs.
          if (inserted.length === 0) throw new IdempotentReplay();
        }
        return { entityId, replayed: false, row } satisfies Result;
      })
      .catch(async (error: unknown): Promise<Result> => {
        // Rolled back: the row the work saw is not what is stored, so the answer is read afresh.
        if (error instanceof NothingChanged) return { entityId: error.entityId, replayed: false, row: null };
        if (!(error instanceof IdempotentReplay) || scopedKey === null) throw error;
        const [previous] = await context.db
          .select()
          .from(idempotencyKeys)
          .where(sql`${idempotencyKeys.key} = ${scopedKey}`)
          .limit(1);
        return { entityId: previous!.entityId, replayed: true, row: null };
      });
  };
}

class IdempotentReplay extends Error {}

/** Rolls back a write whose events all say it changed nothing (caught in `write`, never seen by clients). */
class NothingChanged extends Error {
  constructor(readonly entityId: string) {
    super('nothing changed');
  }
}

/**
 * A write is a no-op when it emitted events and every one is an update naming no changed
 * field: the transaction is rolled back whole, so an update that changes nothing bumps no
 * version and emits nothing, whichever subgraph wrote it. Writers name every field a client can
 * see in `changedFields`, so an empty list means nothing visible moved (bookkeeping such as an
 * observation's revision number is left out of that judgement by its writer).
 */
export function nothingChanged(events: readonly ChangeEvent[]): boolean {
  return events.length > 0 && events.every((event) => event.operation === 'UPDATE' && event.changedFields.length === 0);
}

/** Optimistic concurrency: an update names the version it read; a moved version is a CONFLICT. */
export function assertVersion(typename: string, id: string, currentVersion: number, expectedVersion: number): void {
  if (currentVersion !== expectedVersion) {
    throw conflict(`${typename} ${id} changed since you read it (you had version ${expectedVersion}, it is now ${currentVersion}); reload and retry`, {
      typename,
      id,
      currentVersion,
      expectedVersion,
    });
  }
}

/** Names of the fields whose values differ between two snapshots (the event's `changedFields`). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}
