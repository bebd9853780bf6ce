import { isCurrencyCode } from '../kernel/reference/currency';
import { badUserInput } from '../kernel/platform/errors';

/**
 * Input rules of the startups subgraph in one place. Query filters use them now; the
 * mutations of the writes issue will use the same functions. Each failure is a
 * BAD_USER_INPUT error naming the offending field (`filter.minAmount`, `hubId`...).
 */

/** The largest radius of a near-a-point query: Hanoi fits many times over. */
export const MAX_RADIUS_KM = 1000;

/** Money amounts are never negative. */
export function validateAmount(value: number | null | undefined, field: string): void {
  if (value == null) return;
  if (!Number.isFinite(value)) throw badUserInput(`"${field}" must be a finite number`, field);
  if (value < 0) throw badUserInput(`"${field}" must not be negative, got ${value}`, field);
}

/** Currencies are ISO 4217 codes, upper case (VND, USD). */
export function validateCurrency(code: string | null | undefined, field: string): void {
  if (code == null) return;
  if (!isCurrencyCode(code)) throw badUserInput(`"${field}" must be an ISO 4217 currency code such as VND or USD, got "${code}"`, field);
}

/** A range whose end comes before its start is refused; the end field is named. */
export function validateRange<T extends string | number>(from: T | null | undefined, to: T | null | undefined, fromField: string, toField: string): void {
  if (from == null || to == null) return;
  if (to < from) throw badUserInput(`"${toField}" (${to}) must not be before "${fromField}" (${from})`, toField);
}

export interface NearPointInput {
  latitude: number;
  longitude: number;
  radiusKm: number;
}

export function validateNearPoint(near: NearPointInput | null | undefined, field: string): void {
  if (!near) return;
  const { latitude, longitude, radiusKm } = near;
  if (!(latitude >= -90 && latitude <= 90)) throw badUserInput(`"${field}.latitude" must be between -90 and 90, got ${latitude}`, `${field}.latitude`);
  if (!(longitude >= -180 && longitude <= 180)) {
    throw badUserInput(`"${field}.longitude" must be between -180 and 180, got ${longitude}`, `${field}.longitude`);
  }
  if (!(radiusKm > 0 && radiusKm <= MAX_RADIUS_KM)) {
    throw badUserInput(`"${field}.radiusKm" must be more than 0 and at most ${MAX_RADIUS_KM}, got ${radiusKm}`, `${field}.radiusKm`);
  }
}

/** A reference to a hub must name one that exists. `exists` is the request's hub loader. */
export async function validateHubReference(hubId: string | null | undefined, field: string, exists: (id: string) => Promise<unknown>): Promise<void> {
  if (hubId == null) return;
  if (!(await exists(hubId))) throw badUserInput(`"${field}" names no known hub: "${hubId}"`, field);
}

export interface FundingAmountInput {
  amount?: number | null;
  currency?: string | null;
}

/** A disclosed amount needs its currency, and a currency needs an amount (used by round writes). */
export function validateMoney(input: FundingAmountInput, field: string): void {
  validateAmount(input.amount, `${field}.amount`);
  validateCurrency(input.currency, `${field}.currency`);
  if ((input.amount == null) !== (input.currency == null)) {
    throw badUserInput(
      `"${field}.amount" and "${field}.currency" go together: give both or neither`,
      input.amount == null ? `${field}.amount` : `${field}.currency`,
    );
  }
}

// ------------------------------------------------------------------ mutation inputs

/** Mã số doanh nghiệp: 10 digits (a branch adds -001...; branches are not startups). */
const REGISTRATION_CODE = /^\d{10}$/;

export function validateRegistrationCode(code: string | null | undefined, field: string): void {
  if (code == null) return;
  if (!REGISTRATION_CODE.test(code)) throw badUserInput(`"${field}" must be a 10-digit enterprise registration code, got "${code}"`, field);
}

/** Dates of things that happened (founding, transitions, rounds) are not in the future (Hanoi's today). */
export function validateNotAfter(date: string | null | undefined, today: string, field: string): void {
  if (date == null) return;
  if (date > today) throw badUserInput(`"${field}" (${date}) is in the future (today is ${today})`, field);
}

/** Latitude and longitude in range (the same bounds as the table's checks). */
export function validateLocation(location: { latitude: number; longitude: number } | null | undefined, field: string): void {
  if (!location) return;
  if (!(location.latitude >= -90 && location.latitude <= 90))
    throw badUserInput(`"${field}.latitude" must be between -90 and 90, got ${location.latitude}`, `${field}.latitude`);
  if (!(location.longitude >= -180 && location.longitude <= 180)) {
    throw badUserInput(`"${field}.longitude" must be between -180 and 180, got ${location.longitude}`, `${field}.longitude`);
  }
}
