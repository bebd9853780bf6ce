/**
 * The 5-year rule: a company counts as an innovative startup (doanh nghiệp khởi nghiệp sáng
 * tạo) for no more than 5 years from its first registration ("thời gian hoạt động không quá
 * 5 năm kể từ ngày được cấp Giấy chứng nhận đăng ký doanh nghiệp lần đầu"). On the fifth
 * anniversary it still counts; the day after, it no longer does. An anniversary that falls
 * on a missing 29 February is the 28th (the period ends on the month's last day).
 */
export const INNOVATIVE_STARTUP_YEARS = 5;

function parts(isoDate: string): [number, number, number] {
  const [y, m, d] = isoDate.split('-').map(Number);
  return [y!, m!, d!];
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The date `years` after `isoDate`; 29 February becomes 28 February in a common year. */
export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = parts(isoDate);
  const year = y + years;
  return format(year, m, m === 2 && d === 29 && !isLeapYear(year) ? 28 : d);
}

/**
 * The earliest founding date that still counts on `asOf`: founded on or after it (and not
 * after `asOf`) means innovative. On 29 February the cutoff is 1 March five years earlier,
 * because a company founded on 28 February had its anniversary the day before.
 */
export function innovativeFoundedFrom(asOf: string): string {
  const [y, m, d] = parts(asOf);
  const year = y - INNOVATIVE_STARTUP_YEARS;
  if (m === 2 && d === 29 && !isLeapYear(year)) return format(year, 3, 1);
  return format(year, m, d);
}

/** Whether a company founded on `foundedOn` counts as an innovative startup on `asOf` (both `YYYY-MM-DD`). */
export function isInnovativeStartup(foundedOn: string, asOf: string): boolean {
  return foundedOn <= asOf && asOf <= addYears(foundedOn, INNOVATIVE_STARTUP_YEARS);
}
