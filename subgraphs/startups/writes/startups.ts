import { assertAllowed } from '../../kernel/identity/access-policy';
import { isUniqueViolation } from '../../kernel/platform/db';
import { conflict } from '../../kernel/platform/errors';
import { newId } from '../../kernel/platform/ids';
import { checkDistinctList, checkIntRange, checkText, checkWebAddress, mergeUpdate } from '../../kernel/platform/input';
import { lockForUpdate, publicRecordGuard } from '../../kernel/subgraph/locking';
import { createdEvent, updatedEvent, type WriteResult } from '../../kernel/subgraph/outbox';
import type { Context } from '../context';
import { startups } from '../db/schema';
import type { CreateStartupInput, UpdateStartupInput } from '../generated/graphql';
import { startupSearchText } from '../rules/search-text';
import { insertStartup, saveStartup, startupIdWithCode } from '../store/startups';
import { validateNotAfter, validateRegistrationCode } from '../validation';
import { startupSnapshot } from './snapshots';
import { apiProvenance, ownership, publicAccess, refusal, todayOf, trimmed, write, type StartupsDb } from './writer';

type StartupRow = typeof startups.$inferSelect;
const EDITABLE = ['name', 'registrationCode', 'foundedOn', 'sectors', 'stage', 'status', 'district', 'address', 'website', 'teamSize'] as const;
const REQUIRED = ['name', 'registrationCode', 'foundedOn', 'sectors', 'stage', 'status'] as const;

/** The field rules of a startup, on the values it would have after the write. */
function validateStartup(startup: Pick<StartupRow, (typeof EDITABLE)[number]>, today: string): void {
  checkText(startup.name, 300, 'input.name');
  validateRegistrationCode(startup.registrationCode, 'input.registrationCode');
  validateNotAfter(startup.foundedOn, today, 'input.foundedOn');
  checkDistinctList(startup.sectors, 15, 'input.sectors');
  checkText(startup.district, 100, 'input.district');
  checkText(startup.address, 500, 'input.address');
  checkWebAddress(startup.website, 'input.website');
  checkIntRange(startup.teamSize, 0, 1_000_000, 'input.teamSize');
}

function registrationCodeTaken(code: string) {
  return conflict(`Another startup already has registration code ${code}`, { field: 'input.registrationCode' });
}

/** The late one of two requests registering the same code meets the unique index: same CONFLICT. */
async function ensureCodeFree(tx: StartupsDb, code: string, exceptId: string | null): Promise<void> {
  if ((await startupIdWithCode(tx, code, exceptId)) !== null) throw registrationCodeTaken(code);
}

function normalised<T extends Partial<Record<'name' | 'district' | 'address' | 'website' | 'registrationCode', string | null | undefined>>>(input: T): T {
  return {
    ...input,
    name: trimmed(input.name),
    district: trimmed(input.district),
    address: trimmed(input.address),
    website: trimmed(input.website),
    registrationCode: trimmed(input.registrationCode),
  };
}

export async function createStartup(context: Context, rawInput: CreateStartupInput): Promise<WriteResult<StartupRow>> {
  assertAllowed(context.caller, 'writeRecord', ownership(), refusal(context, 'startups'));
  const input = normalised(rawInput);
  const values = {
    name: input.name,
    registrationCode: input.registrationCode,
    foundedOn: input.foundedOn,
    sectors: input.sectors ?? [],
    stage: input.stage,
    status: input.status ?? 'ACTIVE',
    district: input.district ?? null,
    address: input.address ?? null,
    website: input.website ?? null,
    teamSize: input.teamSize ?? null,
  };
  validateStartup(values, todayOf(context));
  try {
    return await write(context, { operation: 'createStartup', idempotencyKey: input.idempotencyKey, input: rawInput }, async (tx, emit) => {
      await ensureCodeFree(tx, values.registrationCode, null);
      const startup = await insertStartup(tx, {
        id: newId(),
        ...values,
        projectId: null,
        searchText: startupSearchText(values),
        provenance: apiProvenance(context),
      });
      const after = startupSnapshot(startup);
      await emit(createdEvent({ type: 'startup.created', entityType: 'Startup', entityId: startup.id, after, access: publicAccess() }));
      return startup;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw registrationCodeTaken(values.registrationCode);
    throw error;
  }
}

export async function updateStartup(context: Context, rawInput: UpdateStartupInput): Promise<WriteResult<StartupRow>> {
  assertAllowed(context.caller, 'writeRecord', 'any', refusal(context, 'startups'));
  const input = normalised(rawInput);
  try {
    return await write(context, { operation: 'updateStartup', input: rawInput }, async (tx, emit) => {
      const current = await lockForUpdate(
        tx,
        startups,
        input.id,
        input.expectedVersion,
        publicRecordGuard(context.caller, 'Startup', () => assertAllowed(context.caller, 'writeRecord', ownership(), refusal(context, 'startups'))),
      );
      const next = mergeUpdate(current, input, EDITABLE, REQUIRED);
      validateStartup(next, todayOf(context));
      if (next.registrationCode !== current.registrationCode) await ensureCodeFree(tx, next.registrationCode, current.id);
      const updated = await saveStartup(tx, current.id, {
        ...pick(next),
        searchText: startupSearchText(next),
        version: current.version + 1,
        updatedAt: new Date(),
      });
      const before = startupSnapshot(current);
      const after = startupSnapshot(updated);
      await emit(
        updatedEvent({
          type: 'startup.updated',
          entityType: 'Startup',
          entityId: current.id,
          version: updated.version,
          before,
          after,
          access: publicAccess(),
        }),
      );
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw registrationCodeTaken(input.registrationCode ?? '');
    throw error;
  }
}

function pick(row: StartupRow): Pick<StartupRow, (typeof EDITABLE)[number]> {
  return Object.fromEntries(EDITABLE.map((key) => [key, row[key]])) as Pick<StartupRow, (typeof EDITABLE)[number]>;
}
