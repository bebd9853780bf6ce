import type { Caller, Role } from './caller';
import { forbidden } from '../platform/errors';

/**
 * Who may read and write what: THE declaration. Every check in the graph goes through
 * `allows` / `reachOf` below, the README's access matrix is rendered from it
 * (`npm run docs:access`, checked by `npm run check`), and the gateway's matrix test
 * (gateway/test/access-matrix.test.ts) derives what each role must and must not see from it.
 * Change a rule here and the code, the README and the tests move together.
 *
 * A role's reach for a rule is one of:
 * - `all`: every record;
 * - `own`: records owned by the caller's organisation (for writes, an editor's named
 *   domains also count as their own: an editor of the `experts` domain writes any expert);
 * - `granted`: its own, plus records whose owner granted the caller's organisation access
 *   (restricted datasets: `grantDatasetAccess`);
 * - `none`.
 */
export type Reach = 'all' | 'own' | 'granted' | 'none';

/** What an API key may be allowed beyond reading (tokens are never narrowed). */
export type Scope = 'WRITE' | 'CHANGES' | 'WEBHOOKS';
export const SCOPES: readonly Scope[] = ['WRITE', 'CHANGES', 'WEBHOOKS'];

/** The subgraphs whose records editors may be given as named domains (JWT claim `domains`). */
export type Domain = 'programmes' | 'startups' | 'experts' | 'catalogue';
export const DOMAINS: readonly Domain[] = ['programmes', 'startups', 'experts', 'catalogue'];

export interface AccessRule {
  /** What is protected, as the README names it. */
  what: string;
  operation: 'read' | 'write' | 'manage';
  /** An API key needs this scope for the rule to apply to it at all. */
  scope?: Scope;
  reach: Readonly<Record<Role, Reach>>;
  /** Why, in one line: the law or the promise behind the rule. */
  why: string;
  /** What `own` means for this rule when it is not "of the caller's organisation". */
  own?: string;
}

const everyone: Record<Role, Reach> = { public: 'all', partner: 'all', editor: 'all', integrator: 'all', admin: 'all' };
const adminOnly: Record<Role, Reach> = { public: 'none', partner: 'none', editor: 'none', integrator: 'none', admin: 'all' };

export const ACCESS_RULES = {
  publicRecord: {
    what: 'Public records: programmes, indicators, targets, final and estimated observations, startups, hubs, experts’ public profiles, PUBLIC datasets',
    operation: 'read',
    reach: everyone,
    why: 'Open by default: the programme’s public record',
  },
  personalData: {
    what: 'Expert contact details: `Expert.email`, `Expert.phone`',
    operation: 'read',
    reach: { ...adminOnly, partner: 'all' },
    why: 'Personal data (Decree 13/2023/NĐ-CP): shared with partner administrations only',
  },
  restrictedDataset: {
    what: 'RESTRICTED datasets, their distributions and their events',
    operation: 'read',
    reach: { ...adminOnly, partner: 'granted', editor: 'own' },
    why: 'The publisher shares them with the organisations it grants access to',
  },
  internalDataset: {
    what: 'INTERNAL datasets, their distributions and their events',
    operation: 'read',
    reach: { ...adminOnly, partner: 'own', editor: 'own' },
    why: 'Internal to the publishing administration',
  },
  draftRecord: {
    what: 'Draft and provisional records: DRAFT datasets, PROVISIONAL observations (and their revisions, events and effect on computed statuses)',
    operation: 'read',
    reach: { ...adminOnly, partner: 'all', editor: 'own' },
    why: 'Not yet official: seen by the editors who own them and by partner administrations',
  },
  writeRecord: {
    what: 'Create and update records (every mutation of programmes, startups, experts, catalogue)',
    operation: 'write',
    scope: 'WRITE',
    reach: { ...adminOnly, editor: 'own' },
    own: 'own org or named domain',
    why: 'Departments write only their own records, or those of the domains they are named for',
  },
  grantDatasetAccess: {
    what: 'Grant and revoke access to a RESTRICTED dataset; read its grants',
    operation: 'manage',
    scope: 'WRITE',
    reach: { ...adminOnly, editor: 'own' },
    why: 'Only the publisher decides who may read what it restricts',
  },
  changeFeed: {
    what: 'Change feed (`changes` query and subscription): each event only as its record’s rule allows',
    operation: 'read',
    scope: 'CHANGES',
    reach: everyone,
    why: 'The same rules on every path, live or replayed',
  },
  webhooks: {
    what: 'Webhook endpoints: create, rotate, redeliver, read deliveries; payloads follow the owner’s rules',
    operation: 'manage',
    scope: 'WEBHOOKS',
    reach: { ...adminOnly, integrator: 'own' },
    own: 'own endpoints',
    why: 'Integrators manage the endpoints they created; an endpoint sees only what its owner may see',
  },
  apiKeys: {
    what: 'API keys: create, list, revoke',
    operation: 'manage',
    reach: adminOnly,
    why: 'Credentials are issued by the graph’s administrators',
  },
  auditLog: {
    what: 'Audit log of writes (who, what, when, from where)',
    operation: 'read',
    reach: adminOnly,
    why: 'Accountability of every change',
  },
} as const satisfies Record<string, AccessRule>;

export type RuleId = keyof typeof ACCESS_RULES;
export const RULE_IDS = Object.keys(ACCESS_RULES) as RuleId[];

/** Who owns a record, as far as access is concerned. */
export interface Ownership {
  /** The organisation that owns it (publisher, responsible department, hub operator...). */
  ownerOrganizationId: string | null;
  /** Organisations the owner granted access to (restricted datasets). */
  grantedOrganizationIds?: readonly string[];
  /** For writes: the domain the record belongs to, so editors named for it may write it. */
  domain?: Domain;
}

/** The caller's reach for `rule`, after an API key's scopes: what lists turn into SQL. */
export function reachOf(caller: Caller, rule: RuleId): Reach {
  const declared: AccessRule = ACCESS_RULES[rule];
  if (declared.scope && caller.scopes && !caller.scopes.includes(declared.scope)) return 'none';
  return declared.reach[caller.role];
}

/** Whether `rule` ever lets this caller in (some record, some endpoint): the role check before a lookup. */
export function mayEver(caller: Caller, rule: RuleId): boolean {
  return reachOf(caller, rule) !== 'none';
}

/** Whether the caller's organisation owns the record (or, for a write, its domain was named to the editor). */
export function ownsRecord(caller: Caller, record: Ownership): boolean {
  if (caller.organizationId !== null && caller.organizationId === record.ownerOrganizationId) return true;
  return caller.role === 'editor' && record.domain !== undefined && (caller.domains ?? []).includes(record.domain);
}

/** The one decision: may `caller` do `rule` to this record? */
export function allows(caller: Caller, rule: RuleId, record?: Ownership): boolean {
  switch (reachOf(caller, rule)) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'own':
      return record !== undefined && ownsRecord(caller, record);
    case 'granted':
      return (
        record !== undefined &&
        (ownsRecord(caller, record) || (caller.organizationId !== null && (record.grantedOrganizationIds ?? []).includes(caller.organizationId)))
      );
  }
}

/**
 * The one permission check of a write path: throws FORBIDDEN unless `allows(caller, rule, owner)`.
 * `owner: 'any'` asks whether the rule lets the caller in for some record at all (`mayEver`),
 * the check made before anything is read. `refusal` says in words who may, for the message.
 */
export function assertAllowed(caller: Caller, rule: RuleId, owner: Ownership | 'any', refusal?: string): void {
  const allowed = owner === 'any' ? mayEver(caller, rule) : allows(caller, rule, owner);
  if (allowed) return;
  const record = owner === 'any' || owner.ownerOrganizationId === null ? '' : ` (owned by organisation ${owner.ownerOrganizationId})`;
  throw forbidden(refusal ?? `A caller with role ${caller.role} may not do this${record}: ${ACCESS_RULES[rule].what}`);
}

/**
 * Who may see a change event, decided by the writer that knows the record and carried with
 * the event, so the change feed and webhooks apply the record's rule without asking back.
 */
export interface EventAccess {
  /** The record's access level (a dataset's); everything else is PUBLIC. */
  level: 'PUBLIC' | 'RESTRICTED' | 'INTERNAL';
  /** The record is a draft or provisional (DRAFT dataset, PROVISIONAL observation) at this event. */
  draft?: boolean;
  /** The organisation that owns the record (publisher, responsible department...). */
  ownerOrganizationId: string | null;
  /** Organisations granted access to a RESTRICTED record when the event was written. */
  grantedOrganizationIds?: string[];
}

export const LEVEL_RULES: Readonly<Record<EventAccess['level'], RuleId>> = {
  PUBLIC: 'publicRecord',
  RESTRICTED: 'restrictedDataset',
  INTERNAL: 'internalDataset',
};

/** Whether `caller` may see an event: its record's level rule, and the draft rule for drafts. */
export function eventVisibleTo(caller: Caller, access: EventAccess): boolean {
  const record: Ownership = { ownerOrganizationId: access.ownerOrganizationId, grantedOrganizationIds: access.grantedOrganizationIds ?? [] };
  return allows(caller, LEVEL_RULES[access.level], record) && (!access.draft || allows(caller, 'draftRecord', record));
}

/**
 * The field rules of change events: what in an event's `before`, `after` and `changedFields`
 * needs a rule beyond the event's own (`eventVisibleTo`), per entity type, mirroring the field
 * rules of the query path. The change log applies them per reader (`eventPayloadFor`), with the
 * same code for the `changes` query, subscriptions (which read it) and webhook payloads (read
 * as the endpoint's owner). The rule is decided on the event's owner and grants, as the record's.
 */
export interface EventFieldRules {
  /** Payload fields (and their names in `changedFields`) a reader needs the given rule for. */
  fields?: Readonly<Record<string, RuleId>>;
  /**
   * The rule a whole snapshot needs in the state it shows (a PROVISIONAL value, a DRAFT or
   * RESTRICTED dataset), or null: a reader without it gets null for that snapshot.
   */
  snapshot?(snapshot: Readonly<Record<string, unknown>>): RuleId | null;
}

const DATASET_STATE_RULES = (snapshot: Readonly<Record<string, unknown>>): RuleId | null => {
  if (snapshot.status === 'DRAFT') return 'draftRecord';
  const level = snapshot.accessLevel;
  return level === 'RESTRICTED' || level === 'INTERNAL' ? LEVEL_RULES[level] : null;
};

/** The grant's terms are `Dataset.accessGrants`, which only those who manage grants may read. */
const GRANT_TERMS = ['organizationId', 'grantedBy', 'grantedAt', 'expiresOn', 'note', 'revokedAt', 'revokedBy'] as const;

export const EVENT_FIELD_RULES: Readonly<Record<string, EventFieldRules>> = {
  /** `Expert.email` / `Expert.phone` (personalData); events name the change `contact`. */
  Expert: { fields: { contact: 'personalData', email: 'personalData', phone: 'personalData' } },
  /** A PROVISIONAL revision is a draft of the responsible department. */
  Observation: { snapshot: (snapshot) => (snapshot.status === 'PROVISIONAL' ? 'draftRecord' : null) },
  /** A dataset's state: DRAFT, RESTRICTED and INTERNAL snapshots need their rule. */
  Dataset: { snapshot: DATASET_STATE_RULES },
  DatasetAccessGrant: { fields: Object.fromEntries(GRANT_TERMS.map((field): [string, RuleId] => [field, 'grantDatasetAccess'])) },
};

/** What an event says about its entity: the part of it field rules apply to. */
export interface EventPayload {
  changedFields: readonly string[];
  before: Readonly<Record<string, unknown>> | null;
  after: Readonly<Record<string, unknown>> | null;
}

/**
 * The payload of a change event as `caller` may see it, by EVENT_FIELD_RULES: snapshots whose
 * state needs a rule the caller lacks become null, fields it may not read leave `before`,
 * `after` and `changedFields`. Call only for events `eventVisibleTo` the caller.
 */
export function eventPayloadFor(caller: Caller, entityType: string, access: EventAccess, payload: EventPayload): EventPayload {
  const rules = EVENT_FIELD_RULES[entityType];
  if (!rules) return payload;
  const record: Ownership = { ownerOrganizationId: access.ownerOrganizationId, grantedOrganizationIds: access.grantedOrganizationIds ?? [] };
  const hidden = new Set(
    Object.entries(rules.fields ?? {})
      .filter(([, rule]) => !allows(caller, rule, record))
      .map(([field]) => field),
  );
  const shown = (snapshot: Readonly<Record<string, unknown>> | null) => {
    if (snapshot === null) return null;
    const rule = rules.snapshot?.(snapshot) ?? null;
    if (rule !== null && !allows(caller, rule, record)) return null;
    return hidden.size === 0 ? snapshot : Object.fromEntries(Object.entries(snapshot).filter(([field]) => !hidden.has(field)));
  };
  return {
    changedFields: payload.changedFields.filter((field) => !hidden.has(field)),
    before: shown(payload.before),
    after: shown(payload.after),
  };
}

const ROLE_ORDER: readonly Role[] = ['public', 'partner', 'editor', 'integrator', 'admin'];
const REACH_WORDS: Record<Reach, string> = { all: 'yes', own: 'own org', granted: 'own org or granted', none: '—' };

/** The README's access matrix (Markdown), rendered from ACCESS_RULES. */
export function renderAccessMatrix(): string {
  const header = `| What | Operation | API key scope | ${ROLE_ORDER.join(' | ')} | Why |`;
  const rule = `|---|---|---|${ROLE_ORDER.map(() => '---').join('|')}|---|`;
  const rows = RULE_IDS.map((id) => {
    const declared: AccessRule = ACCESS_RULES[id];
    const cells = ROLE_ORDER.map((role) => (declared.reach[role] === 'own' && declared.own ? declared.own : REACH_WORDS[declared.reach[role]]));
    return `| ${declared.what} | ${declared.operation} | ${declared.scope ?? 'any'} | ${cells.join(' | ')} | ${declared.why} |`;
  });
  return [header, rule, ...rows].join('\n');
}
