import { addMonths, decree47DueDates, decree47Status, isPastDue } from '../rules/decree47';
import { hanoiDate } from '../../kernel/platform/time';

describe('Decree 47 deadlines', () => {
  it('adds calendar months and clamps to the end of a shorter month', () => {
    expect(addMonths('2025-01-15', 6)).toBe('2025-07-15');
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29'); // leap year
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2025-10-31', 3)).toBe('2026-01-31');
    expect(addMonths('2025-12-31', 6)).toBe('2026-06-30');
  });

  it('is on time on the due date itself and overdue from the day after', () => {
    expect(isPastDue('2025-02-28', '2025-02-27')).toBe(false);
    expect(isPastDue('2025-02-28', '2025-02-28')).toBe(false);
    expect(isPastDue('2025-02-28', '2025-03-01')).toBe(true);
    expect(isPastDue(null, '2025-03-01')).toBeNull();
  });

  it('reviews 6 months after the last review, or after issue when never reviewed', () => {
    expect(decree47DueDates({ issued: '2024-08-31', modified: null, lastReviewed: null, updateFrequency: null }).reviewDueOn).toBe('2025-02-28');
    expect(decree47DueDates({ issued: '2020-01-01', modified: null, lastReviewed: '2025-03-31', updateFrequency: null }).reviewDueOn).toBe('2025-09-30');
    expect(decree47DueDates({ issued: null, modified: '2025-01-01', lastReviewed: null, updateFrequency: 'MONTHLY' }).reviewDueOn).toBeNull();
  });

  it('requires an update 3 months after the last change only for regular frequencies', () => {
    const base = { issued: '2024-01-10', modified: '2024-11-30', lastReviewed: null };
    expect(decree47DueDates({ ...base, updateFrequency: 'ANNUAL' }).updateDueOn).toBe('2025-02-28');
    expect(decree47DueDates({ ...base, modified: null, updateFrequency: 'QUARTERLY' }).updateDueOn).toBe('2024-04-10');
    expect(decree47DueDates({ ...base, updateFrequency: 'IRREGULAR' }).updateDueOn).toBeNull();
    expect(decree47DueDates({ ...base, updateFrequency: 'NEVER' }).updateDueOn).toBeNull();
    expect(decree47DueDates({ ...base, updateFrequency: null }).updateDueOn).toBeNull();
  });

  it('is overdue when either deadline is missed, on the boundary days', () => {
    const due = { reviewDueOn: '2025-02-28', updateDueOn: '2025-06-30' };
    expect(decree47Status(due, 'MONTHLY', '2025-02-28')).toMatchObject({ reviewOverdue: false, updateOverdue: false, overdue: false, updateRequired: true });
    expect(decree47Status(due, 'MONTHLY', '2025-03-01')).toMatchObject({ reviewOverdue: true, updateOverdue: false, overdue: true });
    expect(decree47Status({ reviewDueOn: null, updateDueOn: '2025-06-30' }, 'MONTHLY', '2025-06-30')).toMatchObject({ reviewOverdue: null, overdue: false });
    expect(decree47Status({ reviewDueOn: null, updateDueOn: '2025-06-30' }, 'MONTHLY', '2025-07-01')).toMatchObject({ updateOverdue: true, overdue: true });
    expect(decree47Status({ reviewDueOn: null, updateDueOn: null }, null, '2030-01-01')).toMatchObject({ overdue: false, updateRequired: false });
  });

  it('counts days in Vietnam time (UTC+7)', () => {
    expect(hanoiDate(new Date('2025-02-28T16:59:59Z'))).toBe('2025-02-28');
    expect(hanoiDate(new Date('2025-02-28T17:00:00Z'))).toBe('2025-03-01');
  });
});
