/**
 * The one rule that turns an indicator's observations into a progress status against a target.
 * Pure: no database, no clock (the evaluation date is an argument), so it is unit-tested on its
 * edge cases and every resolver that shows a status calls exactly this.
 *
 * 1. Only observations with status FINAL or PROVISIONAL count (ESTIMATED ones are projections),
 *    and only those whose period starts inside the target's window (`periodStart`..`deadline`).
 *    None left: NO_DATA.
 * 2. The compared value is the latest such observation (by period end; FINAL wins a tie). For a
 *    CUMULATIVE indicator every value is already the running total since the window began.
 * 3. The comparator decides whether that value meets the target: ABOVE `>`, AT_LEAST `>=`,
 *    BELOW `<`, AT_MOST `<=`, BETWEEN `min <= v <= max`, ABOUT `|v - x| <= tolerance * |x|`
 *    (tolerance defaults to 5 % of the value). For BETWEEN and ABOUT a value beyond the band on
 *    the better side (per the indicator's direction) also meets it.
 * 4. If the compared observation's period reaches the deadline, the result is final: ACHIEVED or
 *    NOT_ACHIEVED. Otherwise it is a mid-course reading: ON_TRACK if met, AT_RISK if not, except
 *    that a CUMULATIVE floor (ABOVE / AT_LEAST) already reached is ACHIEVED, and one not yet
 *    reached is ON_TRACK when the running total is at least the straight-line share of the
 *    target for the time elapsed in the window.
 */

/** LIKELY_NOT_ACHIEVED is never computed here: only a source reports it (see assessment.ts). */
export type IndicatorStatus = 'ACHIEVED' | 'ON_TRACK' | 'AT_RISK' | 'NOT_ACHIEVED' | 'LIKELY_NOT_ACHIEVED' | 'NO_DATA';
export type Comparator = 'ABOVE' | 'AT_LEAST' | 'BELOW' | 'AT_MOST' | 'BETWEEN' | 'ABOUT';
export type Direction = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
export type Aggregation = 'PER_PERIOD' | 'CUMULATIVE';
export type ObservationStatus = 'PROVISIONAL' | 'FINAL' | 'ESTIMATED';

/** ABOUT without an explicit tolerance: within ±5 % of the target value. */
export const DEFAULT_ABOUT_TOLERANCE = 0.05;

export interface RuleIndicator {
  direction: Direction;
  aggregation: Aggregation;
  unit: string;
}

export interface RuleTarget {
  comparator: Comparator;
  value: number;
  valueMax?: number | null;
  relativeTolerance?: number | null;
  /** ISO date the target window opens, if known. */
  periodStart?: string | null;
  /** ISO date the target must be met by; null when the source gives none. */
  deadline?: string | null;
}

export interface RuleObservation {
  periodStart: string;
  periodEnd: string;
  value: number;
  status: ObservationStatus;
}

/** REPORTED is applied by assessment.ts, not by this rule: a reported status where nothing can be computed. */
export type RuleCode =
  'NO_TARGET' | 'NO_USABLE_OBSERVATION' | 'FINAL_READING' | 'MID_COURSE_READING' | 'CUMULATIVE_FLOOR_REACHED' | 'CUMULATIVE_PRO_RATA' | 'REPORTED';

export interface Assessment<O extends RuleObservation = RuleObservation> {
  status: IndicatorStatus;
  ruleCode: RuleCode;
  /** One sentence per step, in English, saying why this status came out. */
  explanation: string;
  /** The observation the status rests on, if any. */
  observation: O | null;
  /** Whether the compared value satisfies the comparator (null without data). */
  met: boolean | null;
  /** Whether the compared observation's period reaches the deadline. */
  deadlineReached: boolean;
}

export function assessIndicator<O extends RuleObservation>(indicator: RuleIndicator, target: RuleTarget | null, observations: readonly O[]): Assessment<O> {
  if (!target) {
    return {
      status: 'NO_DATA',
      ruleCode: 'NO_TARGET',
      explanation: 'The indicator has no target, so no status can be computed.',
      observation: null,
      met: null,
      deadlineReached: false,
    };
  }
  const targetText = describeTarget(target, indicator.unit);
  const usable = observations.filter(
    (o) =>
      (o.status === 'FINAL' || o.status === 'PROVISIONAL') &&
      (!target.periodStart || o.periodStart >= target.periodStart) &&
      (!target.deadline || o.periodStart <= target.deadline),
  );
  const latest = usable.reduce<O | null>((best, o) => (best === null || isLater(o, best) ? o : best), null);
  if (!latest) {
    return {
      status: 'NO_DATA',
      ruleCode: 'NO_USABLE_OBSERVATION',
      explanation: `Target: ${targetText}. No final or provisional observation falls in the target window, so the status is NO_DATA.`,
      observation: null,
      met: null,
      deadlineReached: false,
    };
  }

  const comparison = compare(latest.value, target, indicator.direction);
  const deadlineReached = Boolean(target.deadline && latest.periodEnd >= target.deadline);
  const reading = `Target: ${targetText}. Latest ${latest.status.toLowerCase()} observation (${latest.periodStart}..${latest.periodEnd}) = ${formatNumber(latest.value)} ${indicator.unit}: ${comparison.reason}.`;
  const base = { observation: latest, met: comparison.met, deadlineReached };

  if (deadlineReached) {
    const status = comparison.met ? 'ACHIEVED' : 'NOT_ACHIEVED';
    return { ...base, status, ruleCode: 'FINAL_READING', explanation: `${reading} Its period reaches the deadline, so the result is final: ${status}.` };
  }

  const isFloor = target.comparator === 'ABOVE' || target.comparator === 'AT_LEAST';
  if (indicator.aggregation === 'CUMULATIVE' && isFloor) {
    if (comparison.met) {
      return {
        ...base,
        status: 'ACHIEVED',
        ruleCode: 'CUMULATIVE_FLOOR_REACHED',
        explanation: `${reading} A running total that has reached its floor stays reached: ACHIEVED.`,
      };
    }
    const share = elapsedShare(target, latest.periodEnd);
    if (share !== null) {
      const expected = target.value * share;
      const onTrack = latest.value >= expected;
      return {
        ...base,
        status: onTrack ? 'ON_TRACK' : 'AT_RISK',
        ruleCode: 'CUMULATIVE_PRO_RATA',
        explanation: `${reading} ${formatNumber(share * 100)} % of the target window has elapsed; the straight-line share of the target is ${formatNumber(expected)}, so ${onTrack ? 'ON_TRACK' : 'AT_RISK'}.`,
      };
    }
  }

  const status = comparison.met ? 'ON_TRACK' : 'AT_RISK';
  return {
    ...base,
    status,
    ruleCode: 'MID_COURSE_READING',
    explanation: `${reading} ${target.deadline ? 'Its period does not yet reach the deadline' : 'The target has no deadline'}, so this is a mid-course reading: ${status}.`,
  };
}

/** Of several targets of one indicator, the one a headline status is computed against: the latest deadline; undated targets only if none is dated. */
export function primaryTarget<T extends RuleTarget>(targets: readonly T[]): T | null {
  const dated = targets.filter((t) => t.deadline);
  const pool = dated.length ? dated : targets;
  return pool.reduce<T | null>((best, t) => (best === null || (t.deadline ?? '') > (best.deadline ?? '') ? t : best), null);
}

interface Comparison {
  met: boolean;
  reason: string;
}

export function compare(value: number, target: RuleTarget, direction: Direction): Comparison {
  const v = formatNumber(value);
  const x = formatNumber(target.value);
  const higher = direction === 'HIGHER_IS_BETTER';
  switch (target.comparator) {
    case 'ABOVE':
      return { met: value > target.value, reason: value > target.value ? `${v} > ${x}, met` : `${v} is not above ${x}, not met` };
    case 'AT_LEAST':
      return { met: value >= target.value, reason: value >= target.value ? `${v} >= ${x}, met` : `${v} < ${x}, not met` };
    case 'BELOW':
      return { met: value < target.value, reason: value < target.value ? `${v} < ${x}, met` : `${v} is not below ${x}, not met` };
    case 'AT_MOST':
      return { met: value <= target.value, reason: value <= target.value ? `${v} <= ${x}, met` : `${v} > ${x}, not met` };
    case 'BETWEEN': {
      const min = Math.min(target.value, target.valueMax ?? target.value);
      const max = Math.max(target.value, target.valueMax ?? target.value);
      return band(value, min, max, higher, `${formatNumber(min)}..${formatNumber(max)}`);
    }
    case 'ABOUT': {
      const tolerance = target.relativeTolerance ?? DEFAULT_ABOUT_TOLERANCE;
      const slack = Math.abs(target.value) * tolerance;
      return band(
        value,
        target.value - slack,
        target.value + slack,
        higher,
        `${x} ± ${formatNumber(tolerance * 100)} % (${formatNumber(target.value - slack)}..${formatNumber(target.value + slack)})`,
      );
    }
  }
}

function band(value: number, min: number, max: number, higher: boolean, text: string): Comparison {
  const v = formatNumber(value);
  // A tiny epsilon keeps bounds computed from a tolerance (28.5 = 30 - 1.5) inclusive despite floating point.
  const eps = 1e-9 * Math.max(1, Math.abs(min), Math.abs(max));
  if (value >= min - eps && value <= max + eps) return { met: true, reason: `${v} is within ${text}, met` };
  if (higher ? value > max : value < min) return { met: true, reason: `${v} is beyond ${text} on the better side, met` };
  return { met: false, reason: `${v} is outside ${text} on the worse side, not met` };
}

function isLater(a: RuleObservation, b: RuleObservation): boolean {
  if (a.periodEnd !== b.periodEnd) return a.periodEnd > b.periodEnd;
  return a.status === 'FINAL' && b.status !== 'FINAL';
}

function elapsedShare(target: RuleTarget, asOf: string): number | null {
  if (!target.periodStart || !target.deadline) return null;
  const start = Date.parse(target.periodStart);
  const end = Date.parse(target.deadline);
  if (!(end > start)) return null;
  return Math.min(1, Math.max(0, (Date.parse(asOf) - start) / (end - start)));
}

const COMPARATOR_TEXT: Record<Comparator, string> = {
  ABOVE: 'above',
  AT_LEAST: 'at least',
  BELOW: 'below',
  AT_MOST: 'at most',
  BETWEEN: 'between',
  ABOUT: 'about',
};

export function describeTarget(target: RuleTarget, unit: string): string {
  const value =
    target.comparator === 'BETWEEN'
      ? `${formatNumber(target.value)}..${formatNumber(target.valueMax ?? target.value)} ${unit}`
      : target.comparator === 'ABOUT'
        ? `${formatNumber(target.value)} ${unit} (± ${formatNumber((target.relativeTolerance ?? DEFAULT_ABOUT_TOLERANCE) * 100)} %)`
        : `${formatNumber(target.value)} ${unit}`;
  return `${COMPARATOR_TEXT[target.comparator]} ${value}${target.deadline ? ` by ${target.deadline}` : ' (no deadline given)'}`;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e4) / 1e4);
}
