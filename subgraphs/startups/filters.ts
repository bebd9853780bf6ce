import type { FundingRoundFilter, InnovationHubFilter, StartupFilter, StartupProjectFilter } from './generated/graphql';
import { validateAmount, validateCurrency, validateHubReference, validateNearPoint, validateRange } from './validation';

/**
 * The input rules applied to each list filter. `field` is the argument's name (`filter`),
 * so errors name the exact input field (`filter.foundedTo`).
 */
type HubExists = (id: string) => Promise<unknown>;

export async function validateStartupFilter(filter: StartupFilter | null | undefined, field: string, hubExists: HubExists): Promise<void> {
  if (!filter) return;
  validateRange(filter.foundedFrom, filter.foundedTo, `${field}.foundedFrom`, `${field}.foundedTo`);
  await validateHubReference(filter.hubId, `${field}.hubId`, hubExists);
}

export async function validateStartupProjectFilter(filter: StartupProjectFilter | null | undefined, field: string, hubExists: HubExists): Promise<void> {
  if (!filter) return;
  validateRange(filter.startedFrom, filter.startedTo, `${field}.startedFrom`, `${field}.startedTo`);
  validateRange(filter.reachedFrom, filter.reachedTo, `${field}.reachedFrom`, `${field}.reachedTo`);
  await validateHubReference(filter.hubId, `${field}.hubId`, hubExists);
}

export async function validateHubFilter(filter: InnovationHubFilter | null | undefined, field: string, hubExists: HubExists): Promise<void> {
  if (!filter) return;
  validateNearPoint(filter.near, `${field}.near`);
  await validateHubReference(filter.parentId, `${field}.parentId`, hubExists);
}

export function validateFundingRoundFilter(filter: FundingRoundFilter | null | undefined, field: string): void {
  if (!filter) return;
  validateAmount(filter.minAmount, `${field}.minAmount`);
  validateAmount(filter.maxAmount, `${field}.maxAmount`);
  validateRange(filter.minAmount, filter.maxAmount, `${field}.minAmount`, `${field}.maxAmount`);
  validateCurrency(filter.currency, `${field}.currency`);
  validateRange(filter.announcedFrom, filter.announcedTo, `${field}.announcedFrom`, `${field}.announcedTo`);
}
