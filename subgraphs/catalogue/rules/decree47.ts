import type { UpdateFrequency } from '../vocabularies';

/**
 * The Decree 47/2020/NĐ-CP schedule for open data, as the catalogue applies it:
 * - review: a dataset's entry is reviewed at least every 6 months, so the review is due
 *   6 calendar months after the last review (or, never reviewed, after the issue date);
 * - update: published data is updated within 3 months, so for a dataset that declares a
 *   regular update frequency (daily .. annual) the update is due 3 calendar months after the
 *   last modification (or, never modified, after the issue date). `IRREGULAR`, `NEVER` and
 *   an undeclared frequency set no update deadline.
 * A deadline is missed ("overdue") only from the day after the due date: on the due date
 * itself the dataset is still on time. Months are calendar months; a day that does not
 * exist in the target month becomes its last day (31 August + 6 months = 28 or 29 February).
 * Dates are calendar days in Vietnam time (UTC+7). Unknown dates give unknown deadlines,
 * which are never overdue.
 */
export const REVIEW_INTERVAL_MONTHS = 6;
export const UPDATE_INTERVAL_MONTHS = 3;

/** Frequencies that promise regular updates, and so fall under the 3-month update rule. */
export const REGULAR_FREQUENCIES: readonly UpdateFrequency[] = ['DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'SEMIANNUAL', 'ANNUAL'];

export interface ComplianceDates {
  issued: string | null;
  modified: string | null;
  lastReviewed: string | null;
  updateFrequency: UpdateFrequency | null;
}

export interface DueDates {
  reviewDueOn: string | null;
  updateDueOn: string | null;
}

export interface Decree47Status extends DueDates {
  asOf: string;
  updateRequired: boolean;
  reviewOverdue: boolean | null;
  updateOverdue: boolean | null;
  overdue: boolean;
}

/** Due dates of a dataset; stored in columns at write time so the `overdue` filter is indexable. */
export function decree47DueDates(dates: ComplianceDates): DueDates {
  const reviewBase = dates.lastReviewed ?? dates.issued;
  const updateBase = dates.modified ?? dates.issued;
  return {
    reviewDueOn: reviewBase ? addMonths(reviewBase, REVIEW_INTERVAL_MONTHS) : null,
    updateDueOn: updateRequired(dates.updateFrequency) && updateBase ? addMonths(updateBase, UPDATE_INTERVAL_MONTHS) : null,
  };
}

export function updateRequired(frequency: UpdateFrequency | null): boolean {
  return frequency !== null && REGULAR_FREQUENCIES.includes(frequency);
}

/** Whether a deadline is missed on `today`: only strictly after the due date. */
export function isPastDue(dueOn: string | null, today: string): boolean | null {
  return dueOn === null ? null : today > dueOn;
}

/** The compliance of a dataset on `today` (a `YYYY-MM-DD` date). */
export function decree47Status(due: DueDates, frequency: UpdateFrequency | null, today: string): Decree47Status {
  const reviewOverdue = isPastDue(due.reviewDueOn, today);
  const updateOverdue = isPastDue(due.updateDueOn, today);
  return {
    ...due,
    asOf: today,
    updateRequired: updateRequired(frequency),
    reviewOverdue,
    updateOverdue,
    overdue: reviewOverdue === true || updateOverdue === true,
  };
}

/** `YYYY-MM-DD` plus whole calendar months, clamped to the end of the target month. */
export function addMonths(isoDate: string, months: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`Not a calendar date: "${isoDate}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const targetDay = Math.min(day, lastDay);
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(targetDay).padStart(2, '0')}`;
}
