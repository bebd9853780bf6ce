import type { PROJECT_STAGES } from '../db/schema';

export type ProjectStage = (typeof PROJECT_STAGES)[number];

/**
 * The lifecycle of a startup project (vòng đời dự án khởi nghiệp): forward along
 * IDEA → INCUBATED → INCORPORATED → FUNDED, or to STOPPED from any stage but STOPPED.
 * IDEA → INCORPORATED is allowed too: not every team goes through a hub before it registers
 * a company (the seeded histories have such projects). Nothing goes backwards, FUNDED needs
 * the company first, and STOPPED is final. The SDL of `transitionStartupProject` says the same.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<ProjectStage, readonly ProjectStage[]>> = {
  IDEA: ['INCUBATED', 'INCORPORATED', 'STOPPED'],
  INCUBATED: ['INCORPORATED', 'STOPPED'],
  INCORPORATED: ['FUNDED', 'STOPPED'],
  FUNDED: ['STOPPED'],
  STOPPED: [],
};

export function canTransition(from: ProjectStage, to: ProjectStage): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** Why a transition is refused, for the error message. */
export function transitionRefusal(from: ProjectStage, to: ProjectStage): string {
  const allowed = ALLOWED_TRANSITIONS[from];
  return allowed.length === 0
    ? `A ${from} project is final: it cannot move to ${to}`
    : `A project at ${from} cannot move to ${to}; allowed next stages: ${allowed.join(', ')}`;
}

/** Every history (sequence of stages) a project may have, checked from its first stage IDEA. */
export function isValidHistory(stages: readonly ProjectStage[]): boolean {
  if (stages[0] !== 'IDEA') return false;
  return stages.every((stage, k) => k === 0 || canTransition(stages[k - 1]!, stage));
}
