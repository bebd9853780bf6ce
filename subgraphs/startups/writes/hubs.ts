import { assertAllowed } from '../../kernel/identity/access-policy';
import { badUserInput } from '../../kernel/platform/errors';
import { newId } from '../../kernel/platform/ids';
import { checkDistinctList, checkForeignId, checkIntRange, checkText, mergeUpdate } from '../../kernel/platform/input';
import { lockForUpdate, publicRecordGuard } from '../../kernel/subgraph/locking';
import { createdEvent, updatedEvent, type WriteResult } from '../../kernel/subgraph/outbox';
import type { Context } from '../context';
import { hubs } from '../db/schema';
import type { CreateInnovationHubInput, HubLocationInput, UpdateInnovationHubInput } from '../generated/graphql';
import { hubSearchText } from '../rules/search-text';
import { renameHubOfCohorts } from '../store/cohorts';
import { hubById, insertHub, saveHub } from '../store/hubs';
import { validateLocation } from '../validation';
import { hubSnapshot } from './snapshots';
import { apiProvenance, ownership, publicAccess, refusal, trimmed, write, type StartupsDb } from './writer';

type HubRow = typeof hubs.$inferSelect;
const EDITABLE = [
  'kind',
  'status',
  'nameVi',
  'nameEn',
  'aliases',
  'operatorId',
  'parentId',
  'address',
  'district',
  'focusSectors',
  'establishedOn',
  'capacity',
] as const;
const REQUIRED = ['kind', 'status', 'nameVi', 'aliases', 'focusSectors'] as const;
type HubFields = Pick<HubRow, (typeof EDITABLE)[number] | 'latitude' | 'longitude' | 'coordinatePrecision'>;

function validateHub(hub: HubFields): void {
  checkText(hub.nameVi, 500, 'input.nameVi');
  checkText(hub.nameEn, 500, 'input.nameEn');
  checkDistinctList(hub.aliases, 20, 'input.aliases');
  hub.aliases.forEach((alias, k) => checkText(alias, 500, `input.aliases[${k}]`));
  checkForeignId(hub.operatorId, 'input.operatorId');
  checkText(hub.address, 500, 'input.address');
  checkText(hub.district, 100, 'input.district');
  checkDistinctList(hub.focusSectors, 15, 'input.focusSectors');
  checkIntRange(hub.capacity, 0, 1_000_000, 'input.capacity');
}

/** The location input as the three columns it is stored in (null clears all three). */
function locationColumns(location: HubLocationInput | null | undefined): Pick<HubRow, 'latitude' | 'longitude' | 'coordinatePrecision'> | undefined {
  if (location === undefined) return undefined;
  validateLocation(location, 'input.location');
  return location === null
    ? { latitude: null, longitude: null, coordinatePrecision: null }
    : { latitude: location.latitude, longitude: location.longitude, coordinatePrecision: location.precision };
}

function normalised<T extends { nameVi?: string | null; nameEn?: string | null; address?: string | null; district?: string | null; aliases?: string[] | null }>(
  input: T,
): T {
  return {
    ...input,
    nameVi: trimmed(input.nameVi),
    nameEn: trimmed(input.nameEn),
    address: trimmed(input.address),
    district: trimmed(input.district),
    aliases: input.aliases?.map((alias) => alias.trim()),
  };
}

/** A parent must be a known hub, and (for an existing hub) neither itself nor one inside it. */
async function checkParent(tx: StartupsDb, parentId: string | null, hubId: string | null): Promise<void> {
  for (let id = parentId, depth = 0; id != null; depth++) {
    if (id === hubId) throw badUserInput('"input.parentId" would put the hub inside itself', 'input.parentId');
    const parent = await hubById(tx, id);
    if (!parent) {
      if (id === parentId) throw badUserInput(`"input.parentId" names no known hub: "${parentId}"`, 'input.parentId');
      return;
    }
    if (depth > 50) return; // hubs nest a few levels at most; an existing loop is not this write's to find
    id = parent.parentId;
  }
}

export async function createInnovationHub(context: Context, rawInput: CreateInnovationHubInput): Promise<WriteResult<HubRow>> {
  assertAllowed(context.caller, 'writeRecord', 'any', refusal(context, 'hubs'));
  const input = normalised(rawInput);
  const values = {
    kind: input.kind,
    status: input.status,
    nameVi: input.nameVi,
    nameEn: input.nameEn ?? null,
    aliases: input.aliases ?? [],
    operatorId: input.operatorId ?? null,
    parentId: input.parentId ?? null,
    address: input.address ?? null,
    district: input.district ?? null,
    focusSectors: input.focusSectors ?? [],
    establishedOn: input.establishedOn ?? null,
    capacity: input.capacity ?? null,
    ...(locationColumns(input.location ?? null) ?? {}),
  } as HubFields;
  validateHub(values);
  assertAllowed(context.caller, 'writeRecord', ownership(values.operatorId), refusal(context, 'hubs of this operator'));
  return write(context, { operation: 'createInnovationHub', idempotencyKey: input.idempotencyKey, input: rawInput }, async (tx, emit) => {
    await checkParent(tx, values.parentId, null);
    const hub = await insertHub(tx, { id: newId(), ...values, searchText: hubSearchText(values), provenance: apiProvenance(context) });
    const after = hubSnapshot(hub);
    await emit(createdEvent({ type: 'innovationHub.created', entityType: 'InnovationHub', entityId: hub.id, after, access: publicAccess(hub.operatorId) }));
    return hub;
  });
}

export async function updateInnovationHub(context: Context, rawInput: UpdateInnovationHubInput): Promise<WriteResult<HubRow>> {
  assertAllowed(context.caller, 'writeRecord', 'any', refusal(context, 'hubs'));
  const input = normalised(rawInput);
  const location = locationColumns(input.location);
  return write(context, { operation: 'updateInnovationHub', input: rawInput }, async (tx, emit) => {
    const current = await lockForUpdate(
      tx,
      hubs,
      input.id,
      input.expectedVersion,
      publicRecordGuard(context.caller, 'InnovationHub', (hub) =>
        assertAllowed(context.caller, 'writeRecord', ownership(hub.operatorId), refusal(context, 'this hub')),
      ),
    );
    const next = { ...mergeUpdate(current, input, EDITABLE, REQUIRED), ...(location ?? {}) };
    validateHub(next);
    // Handing the hub to another operator needs rights over that one too.
    if (next.operatorId !== current.operatorId)
      assertAllowed(context.caller, 'writeRecord', ownership(next.operatorId), refusal(context, 'hubs of the new operator'));
    if (next.parentId !== current.parentId) await checkParent(tx, next.parentId, current.id);
    const fields = Object.fromEntries(
      [...EDITABLE, 'latitude', 'longitude', 'coordinatePrecision'].map((key) => [key, next[key as keyof HubFields]]),
    ) as HubFields;
    const updated = await saveHub(tx, current.id, { ...fields, searchText: hubSearchText(next), version: current.version + 1, updatedAt: new Date() });
    // A cohort is found by its hub's name too: keep that derived text in step (not a change of the cohort itself).
    if (next.nameVi !== current.nameVi) await renameHubOfCohorts(tx, current.id, next.nameVi);
    const before = hubSnapshot(current);
    const after = hubSnapshot(updated);
    await emit(
      updatedEvent({
        type: 'innovationHub.updated',
        entityType: 'InnovationHub',
        entityId: current.id,
        version: updated.version,
        before,
        after,
        access: publicAccess(updated.operatorId),
      }),
    );
    return updated;
  });
}
