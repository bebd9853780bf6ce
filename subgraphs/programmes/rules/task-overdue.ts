import { hanoiDate } from '../../kernel/platform/time';

/**
 * A task is overdue when it is still open (NOT_STARTED or IN_PROGRESS) and its due date is
 * before today in Hanoi (UTC+7, no daylight saving). Completed, cancelled and undated tasks
 * never are. `now` is the request's clock (`context.now`), so one answer is consistent.
 */
export type TaskStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED';

export function isOpenTaskStatus(status: TaskStatus): boolean {
  return status === 'NOT_STARTED' || status === 'IN_PROGRESS';
}

export function isOverdue(task: { status: TaskStatus; dueDate: string | null }, now: Date): boolean {
  return isOpenTaskStatus(task.status) && task.dueDate !== null && task.dueDate < hanoiDate(now);
}
