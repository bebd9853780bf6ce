import { assessIndicator, compare, primaryTarget, type RuleIndicator, type RuleObservation, type RuleTarget } from '../rules/indicator-status';
import { isOverdue } from '../rules/task-overdue';
import { hanoiDate } from '../../kernel/platform/time';

const percent: RuleIndicator = { direction: 'HIGHER_IS_BETTER', aggregation: 'PER_PERIOD', unit: '%' };
const window = { periodStart: '2021-01-01', deadline: '2025-12-31' };
const year = (y: number, value: number, status: RuleObservation['status'] = 'FINAL'): RuleObservation => ({
  periodStart: `${y}-01-01`,
  periodEnd: `${y}-12-31`,
  value,
  status,
});

describe('indicator status rule', () => {
  const floor: RuleTarget = { comparator: 'ABOVE', value: 50, ...window };

  it('gives NO_DATA without a target, without observations, or with estimates only', () => {
    expect(assessIndicator(percent, null, [year(2024, 60)]).status).toBe('NO_DATA');
    expect(assessIndicator(percent, floor, []).status).toBe('NO_DATA');
    const estimated = assessIndicator(percent, floor, [year(2025, 60, 'ESTIMATED')]);
    expect(estimated).toMatchObject({ status: 'NO_DATA', ruleCode: 'NO_USABLE_OBSERVATION' });
    // outside the target window
    expect(assessIndicator(percent, floor, [year(2019, 60)]).status).toBe('NO_DATA');
  });

  it('treats "above" as strict and "at least" as inclusive at exactly the floor', () => {
    expect(assessIndicator(percent, floor, [year(2025, 50)]).status).toBe('NOT_ACHIEVED');
    expect(assessIndicator(percent, { ...floor, comparator: 'AT_LEAST' }, [year(2025, 50)]).status).toBe('ACHIEVED');
    expect(assessIndicator(percent, floor, [year(2025, 50.01)]).status).toBe('ACHIEVED');
  });

  it('reads mid-course values as ON_TRACK or AT_RISK', () => {
    expect(assessIndicator(percent, floor, [year(2022, 40), year(2023, 55)])).toMatchObject({ status: 'ON_TRACK', ruleCode: 'MID_COURSE_READING' });
    expect(assessIndicator(percent, floor, [year(2023, 55), year(2024, 45, 'PROVISIONAL')]).status).toBe('AT_RISK');
  });

  it('accepts a value inside a range, at both bounds, and beyond it on the better side', () => {
    const range: RuleTarget = { comparator: 'BETWEEN', value: 7.0, valueMax: 7.59, ...window };
    expect(assessIndicator(percent, range, [year(2025, 7.3)]).status).toBe('ACHIEVED');
    expect(assessIndicator(percent, range, [year(2025, 7.0)]).status).toBe('ACHIEVED');
    expect(assessIndicator(percent, range, [year(2025, 7.59)]).status).toBe('ACHIEVED');
    expect(assessIndicator(percent, range, [year(2025, 8.1)]).status).toBe('ACHIEVED');
    expect(assessIndicator(percent, range, [year(2025, 6.99)]).status).toBe('NOT_ACHIEVED');
    const lowerIsBetter = { ...percent, direction: 'LOWER_IS_BETTER' as const };
    expect(assessIndicator(lowerIsBetter, range, [year(2025, 8.1)]).status).toBe('NOT_ACHIEVED');
  });

  it('accepts "about" within ±5 % of the value by default, inclusive', () => {
    const about: RuleTarget = { comparator: 'ABOUT', value: 30, ...window };
    expect(assessIndicator(percent, about, [year(2025, 28.5)]).status).toBe('ACHIEVED');
    expect(assessIndicator(percent, about, [year(2025, 31.5)]).status).toBe('ACHIEVED');
    expect(assessIndicator(percent, about, [year(2025, 28.4)]).status).toBe('NOT_ACHIEVED');
    expect(assessIndicator(percent, { ...about, relativeTolerance: 0.1 }, [year(2025, 27.1)]).status).toBe('ACHIEVED');
    expect(assessIndicator(percent, about, [year(2023, 20)]).explanation).toContain('± 5 %');
  });

  it('uses the latest period and prefers a final value over a provisional one for the same period', () => {
    const a = assessIndicator(percent, floor, [year(2024, 40, 'PROVISIONAL'), year(2024, 60, 'FINAL'), year(2022, 70)]);
    expect(a.observation?.value).toBe(60);
  });

  it('judges cumulative floors pro rata before the deadline, and as reached once reached', () => {
    const cumulative = { ...percent, aggregation: 'CUMULATIVE' as const, unit: 'projects' };
    const thousand: RuleTarget = { comparator: 'AT_LEAST', value: 1000, periodStart: '2021-01-01', deadline: '2025-12-31' };
    // end of 2022: 2 of 5 years elapsed, straight-line share 400
    expect(assessIndicator(cumulative, thousand, [{ ...year(2022, 450) }])).toMatchObject({ status: 'ON_TRACK', ruleCode: 'CUMULATIVE_PRO_RATA' });
    expect(assessIndicator(cumulative, thousand, [{ ...year(2022, 300) }]).status).toBe('AT_RISK');
    expect(assessIndicator(cumulative, thousand, [{ ...year(2024, 1000) }]).status).toBe('ACHIEVED');
  });

  it('reads below / at most the same way for lower-is-better indicators', () => {
    const lower = { ...percent, direction: 'LOWER_IS_BETTER' as const };
    expect(assessIndicator(lower, { comparator: 'BELOW', value: 5, ...window }, [year(2025, 5)]).status).toBe('NOT_ACHIEVED');
    expect(assessIndicator(lower, { comparator: 'AT_MOST', value: 5, ...window }, [year(2025, 5)]).status).toBe('ACHIEVED');
    expect(compare(4, { comparator: 'BELOW', value: 5 }, 'LOWER_IS_BETTER').met).toBe(true);
  });

  it('picks the latest-deadline target as the headline one', () => {
    const t1 = { comparator: 'ABOVE' as const, value: 1, deadline: '2023-12-31' };
    const t2 = { comparator: 'ABOVE' as const, value: 2, deadline: '2025-12-31' };
    const undated = { comparator: 'ABOVE' as const, value: 3, deadline: null };
    expect(primaryTarget([t1, t2, undated])).toBe(t2);
    expect(primaryTarget([undated])).toBe(undated);
    expect(primaryTarget([])).toBeNull();
  });
});

describe('task overdue rule', () => {
  const now = new Date('2025-06-30T18:00:00Z'); // already 1 July in Hanoi
  it('uses the Hanoi calendar date', () => expect(hanoiDate(now)).toBe('2025-07-01'));
  it('flags open tasks past their due date only', () => {
    expect(isOverdue({ status: 'IN_PROGRESS', dueDate: '2025-06-30' }, now)).toBe(true);
    expect(isOverdue({ status: 'NOT_STARTED', dueDate: '2025-07-01' }, now)).toBe(false);
    expect(isOverdue({ status: 'COMPLETED', dueDate: '2020-01-01' }, now)).toBe(false);
    expect(isOverdue({ status: 'CANCELLED', dueDate: '2020-01-01' }, now)).toBe(false);
    expect(isOverdue({ status: 'IN_PROGRESS', dueDate: null }, now)).toBe(false);
  });
});
