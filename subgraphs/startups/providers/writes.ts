import { mayEver } from '../../kernel/access-policy';
import { canWrite } from '../../kernel/caller';
import type { Db } from '../../kernel/db';
import { forbidden } from '../../kernel/errors';
import { createWriter, type EventAccess } from '../../kernel/outbox';
import type { Provenance } from '../../kernel/provenance';
import { REGISTRY_STEWARD_ID } from '../../kernel/seed-refs';
import type { Context } from '../context';
import * as schema from '../db/schema';
import { hanoiDate } from '../../kernel/time';

/** The outbox writer of this subgraph: every write and its events commit together. */
export const write = createWriter<typeof schema>(schema.outbox, schema.idempotencyKeys);

export type StartupsDb = Db<typeof schema>;

/** Hanoi's date of the request: dates of things that happened may not be after it. */
export const todayOf = (context: Context): string => hanoiDate(context.now);

/** Provenance of a record entered through the API. */
export function apiProvenance(context: Context): Provenance {
  return { synthetic: false, note: `Recorded through the API (request ${context.requestId}).` };
}

/**
 * Who owns what: a hub and its cohorts belong to the hub's operator (or to the registry
 * steward when no operator is known); startups, projects and funding rounds belong to the
 * startup register, kept by the registry steward (kernel/seed-refs.ts). Writes check this
 * owner (`requireWrite`) and events carry it (`publicAccess`), so both say the same.
 */
export const ownerOf = (operatorId: string | null = null): string => operatorId ?? REGISTRY_STEWARD_ID;

const WHO_MAY_WRITE = 'editors of the organisation that owns the record, editors named for the startups domain, and administrators';

/**
 * Refuses, before anything is read or checked, a caller who may write no record at all
 * (anonymous, partner, integrator, an API key without the WRITE scope): ACCESS_RULES.writeRecord.
 */
export function requireWriter(context: Context): void {
  if (!mayEver(context.caller, 'writeRecord'))
    throw forbidden(`Only ${WHO_MAY_WRITE} may write the startup register, not a caller with role ${context.caller.role}`);
}

/** Refuses a caller who may not write `what`, owned by `ownerOf(operatorId)` in the `startups` domain (ACCESS_RULES.writeRecord). */
export function requireWrite(context: Context, operatorId: string | null, what: string): void {
  requireWriter(context);
  const owner = ownerOf(operatorId);
  if (!canWrite(context.caller, owner, 'startups')) throw forbidden(`You may not write ${what} (owned by organisation ${owner}): only ${WHO_MAY_WRITE} may`);
}

/** Every record of this subgraph is public: events say so, with the record's owner (`ownerOf`). */
export const publicAccess = (operatorId: string | null = null): EventAccess => ({ level: 'PUBLIC', ownerOrganizationId: ownerOf(operatorId) });

/** Text inputs are stored trimmed (an empty text is then refused by the field rules: send null to clear). */
export function trimmed<T extends string | null | undefined>(value: T): T {
  return (value == null ? value : value.trim()) as T;
}
