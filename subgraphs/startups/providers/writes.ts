import { canWrite } from '../../kernel/caller';
import type { Db } from '../../kernel/db';
import { forbidden } from '../../kernel/errors';
import { createWriter, type EventAccess } from '../../kernel/outbox';
import type { Provenance } from '../../kernel/provenance';
import { REGISTRY_STEWARD_ID } from '../../kernel/seed-refs';
import type { Context } from '../context';
import * as schema from '../db/schema';
import { hanoiDate } from '../rules/innovative-startup';

/** The outbox writer of this subgraph: every write and its events commit together. */
export const write = createWriter(schema.outbox, schema.idempotencyKeys);

export type StartupsDb = Db<typeof schema>;

/** The transaction handle `write` gives, seen with this subgraph's tables. */
export const asStartupsDb = (db: Db<Record<string, unknown>>): StartupsDb => db as unknown as StartupsDb;

/** Hanoi's date of the request: dates of things that happened may not be after it. */
export const todayOf = (context: Context): string => hanoiDate(context.now);

/** Provenance of a record entered through the API. */
export function apiProvenance(context: Context): Provenance {
  return { synthetic: false, note: `Recorded through the API (request ${context.requestId}).` };
}

/**
 * Who owns what, for `canWrite`: a hub and its cohorts belong to the hub's operator (or to
 * the registry steward when no operator is known); startups, projects and funding rounds
 * belong to the startup register, kept by the registry steward (kernel/seed-refs.ts).
 * Editors named for the `startups` domain write them all.
 */
export function requireWrite(context: Context, ownerOrganizationId: string | null, what: string): void {
  if (!canWrite(context.caller, ownerOrganizationId ?? REGISTRY_STEWARD_ID, 'startups')) throw forbidden(`You may not write ${what}`);
}

/** Every record of this subgraph is public: events say so, with the owner where there is one. */
export const publicAccess = (ownerOrganizationId: string | null = null): EventAccess => ({ level: 'PUBLIC', ownerOrganizationId });

/** Text inputs are stored trimmed (an empty text is then refused by the field rules: send null to clear). */
export function trimmed<T extends string | null | undefined>(value: T): T {
  return (value == null ? value : value.trim()) as T;
}
