import type { Ownership } from '../../kernel/identity/access-policy';
import type { Db } from '../../kernel/platform/db';
import { createWriter, type EventAccess } from '../../kernel/subgraph/outbox';
import type { Provenance } from '../../kernel/reference/provenance';
import { REGISTRY_STEWARD_ID } from '../../kernel/reference/seed-refs';
import { hanoiDate } from '../../kernel/platform/time';
import type { Context } from '../context';
import * as schema from '../db/schema';

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
 * startup register, kept by the registry steward (kernel/reference/seed-refs.ts). Writes check this
 * owner (`assertAllowed(caller, 'writeRecord', ownership(...))`) and events carry it
 * (`publicAccess`), so both say the same.
 */
export const ownerOf = (operatorId: string | null = null): string => operatorId ?? REGISTRY_STEWARD_ID;

/** A record of this subgraph as the write rule sees it: its owner, in the `startups` domain. */
export const ownership = (operatorId: string | null = null): Ownership => ({ ownerOrganizationId: ownerOf(operatorId), domain: 'startups' });

const WHO_MAY_WRITE = 'editors of the organisation that owns the record, editors named for the startups domain, and administrators';

/**
 * The words of FORBIDDEN for writing `what` (the refusal given to `assertAllowed`): the check
 * itself is `assertAllowed(caller, 'writeRecord', 'any' | ownership(...))`, 'any' before
 * anything is read, the record's ownership once its owner is known.
 */
export function refusal(context: Context, what: string): string {
  return `You may not write ${what}: only ${WHO_MAY_WRITE} may, not a caller with role ${context.caller.role}`;
}

/** Every record of this subgraph is public: events say so, with the record's owner (`ownerOf`). */
export const publicAccess = (operatorId: string | null = null): EventAccess => ({ level: 'PUBLIC', ownerOrganizationId: ownerOf(operatorId) });

/** Text inputs are stored trimmed (an empty text is then refused by the field rules: send null to clear). */
export function trimmed<T extends string | null | undefined>(value: T): T {
  return (value == null ? value : value.trim()) as T;
}
