import { assertAllowed } from '../../kernel/identity/access-policy';
import { badUserInput } from '../../kernel/platform/errors';
import { newId } from '../../kernel/platform/ids';
import { checkForeignId, checkText, mergeUpdate } from '../../kernel/platform/input';
import { lockForUpdate, publicRecordGuard } from '../../kernel/subgraph/locking';
import { createdEvent, updatedEvent, type WriteResult } from '../../kernel/subgraph/outbox';
import type { Context } from '../context';
import { fundingRounds } from '../db/schema';
import type { FundingInvestorInput, RecordFundingRoundInput, UpdateFundingRoundInput } from '../generated/graphql';
import { insertFundingRound, saveFundingRound } from '../store/funding';
import { startupsByIds } from '../store/startups';
import { validateMoney, validateNotAfter } from '../validation';
import { fundingRoundSnapshot } from './snapshots';
import { apiProvenance, ownership, publicAccess, refusal, todayOf, write } from './writer';

type RoundRow = typeof fundingRounds.$inferSelect;
type Investor = RoundRow['investors'][number];

function validateRound(round: Pick<RoundRow, 'announcedOn' | 'amount' | 'currency' | 'investors'>, today: string): void {
  validateNotAfter(round.announcedOn, today, 'input.announcedOn');
  // The filters' money rules: not negative, an ISO 4217 currency, amount and currency together.
  validateMoney(round, 'input');
  if (round.investors.length > 50) throw badUserInput('"input.investors" may list at most 50 investors', 'input.investors');
  round.investors.forEach((investor, k) => {
    checkText(investor.name, 300, `input.investors[${k}].name`);
    checkForeignId(investor.organizationId, `input.investors[${k}].organizationId`);
  });
}

const investorsOf = (investors: FundingInvestorInput[] | null | undefined): Investor[] | null | undefined =>
  investors?.map((investor) => ({ name: investor.name.trim(), organizationId: investor.organizationId ?? null }));

export async function recordFundingRound(context: Context, input: RecordFundingRoundInput): Promise<WriteResult<RoundRow>> {
  // Funding rounds belong to the startup register (`ownerOf()`).
  assertAllowed(context.caller, 'writeRecord', ownership(), refusal(context, 'funding rounds'));
  const values = {
    startupId: input.startupId,
    type: input.type,
    announcedOn: input.announcedOn,
    amount: input.amount ?? null,
    currency: input.currency ?? null,
    investors: investorsOf(input.investors) ?? [],
  };
  validateRound(values, todayOf(context));
  return write(context, { operation: 'recordFundingRound', idempotencyKey: input.idempotencyKey, input }, async (tx, emit) => {
    const [startup] = await startupsByIds(tx, [input.startupId]);
    if (!startup) throw badUserInput(`"input.startupId" names no known startup: "${input.startupId}"`, 'input.startupId');
    const round = await insertFundingRound(tx, { id: newId(), ...values, provenance: apiProvenance(context) });
    const after = fundingRoundSnapshot(round);
    await emit(createdEvent({ type: 'fundingRound.recorded', entityType: 'FundingRound', entityId: round.id, after, access: publicAccess() }));
    return round;
  });
}

export async function updateFundingRound(context: Context, input: UpdateFundingRoundInput): Promise<WriteResult<RoundRow>> {
  assertAllowed(context.caller, 'writeRecord', 'any', refusal(context, 'funding rounds'));
  return write(context, { operation: 'updateFundingRound', input }, async (tx, emit) => {
    const current = await lockForUpdate(
      tx,
      fundingRounds,
      input.id,
      input.expectedVersion,
      publicRecordGuard(context.caller, 'FundingRound', () => assertAllowed(context.caller, 'writeRecord', ownership(), refusal(context, 'funding rounds'))),
    );
    const next = mergeUpdate(
      current,
      { ...input, investors: investorsOf(input.investors) },
      ['type', 'announcedOn', 'amount', 'currency', 'investors'],
      ['type', 'announcedOn', 'investors'],
    );
    validateRound(next, todayOf(context));
    const updated = await saveFundingRound(tx, current.id, {
      type: next.type,
      announcedOn: next.announcedOn,
      amount: next.amount,
      currency: next.currency,
      investors: next.investors,
      version: current.version + 1,
      updatedAt: new Date(),
    });
    const before = fundingRoundSnapshot(current);
    const after = fundingRoundSnapshot(updated);
    await emit(
      updatedEvent({
        type: 'fundingRound.updated',
        entityType: 'FundingRound',
        entityId: current.id,
        version: updated.version,
        before,
        after,
        access: publicAccess(),
      }),
    );
    return updated;
  });
}
