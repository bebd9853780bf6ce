/** Hanoi's offset from UTC: UTC+7 all year (Vietnam has no daylight saving time). */
const HANOI_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar date in Hanoi at instant `now`, as `YYYY-MM-DD`: "today" for every rule of the graph (overdue, deadlines, grants, certification). */
export function hanoiDate(now: Date): string {
  return new Date(now.getTime() + HANOI_OFFSET_MS).toISOString().slice(0, 10);
}
