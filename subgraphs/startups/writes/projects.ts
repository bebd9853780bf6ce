import { assertAllowed } from '../../kernel/identity/access-policy';
import { badUserInput } from '../../kernel/platform/errors';
import { newId } from '../../kernel/platform/ids';
import { checkDistinctList, checkText, mergeUpdate } from '../../kernel/platform/input';
import { lockForUpdate, publicRecordGuard } from '../../kernel/subgraph/locking';
import { createdEvent, updatedEvent, type Emit, type WriteResult } from '../../kernel/subgraph/outbox';
import type { Context } from '../context';
import { projects } from '../db/schema';
import type { CreateStartupProjectInput, TransitionStartupProjectInput, UpdateStartupProjectInput } from '../generated/graphql';
import { canTransition, transitionRefusal } from '../rules/project-lifecycle';
import { projectSearchText } from '../rules/search-text';
import { insertProject, insertTransition, redateTransition, saveProject, transitionsByProjectIds } from '../store/projects';
import { saveStartup, startupForUpdate, startupsByProjectIds } from '../store/startups';
import { validateNotAfter } from '../validation';
import { projectSnapshot, startupSnapshot } from './snapshots';
import { apiProvenance, ownership, publicAccess, refusal, todayOf, trimmed, write, type StartupsDb } from './writer';

type ProjectRow = typeof projects.$inferSelect;
type Member = { name: string; role: string };
const EDITABLE = ['titleVi', 'titleEn', 'summary', 'team', 'sectors', 'district', 'startedOn'] as const;
const REQUIRED = ['titleVi', 'team', 'sectors', 'startedOn'] as const;

function validateProject(project: Pick<ProjectRow, (typeof EDITABLE)[number]>, today: string): void {
  checkText(project.titleVi, 500, 'input.titleVi');
  checkText(project.titleEn, 500, 'input.titleEn');
  checkText(project.summary, 5_000, 'input.summary');
  if (project.team.length > 50) throw badUserInput('"input.team" may list at most 50 members', 'input.team');
  project.team.forEach((member, k) => {
    checkText(member.name, 200, `input.team[${k}].name`);
    checkText(member.role, 200, `input.team[${k}].role`);
  });
  checkDistinctList(project.sectors, 15, 'input.sectors');
  checkText(project.district, 100, 'input.district');
  validateNotAfter(project.startedOn, today, 'input.startedOn');
}

const cleanTeam = (team: Member[] | null | undefined): Member[] | null | undefined =>
  team?.map((member) => ({ name: member.name.trim(), role: member.role.trim() }));

function normalised<T extends { titleVi?: string | null; titleEn?: string | null; summary?: string | null; district?: string | null; team?: Member[] | null }>(
  input: T,
): T {
  return {
    ...input,
    titleVi: trimmed(input.titleVi),
    titleEn: trimmed(input.titleEn),
    summary: trimmed(input.summary),
    district: trimmed(input.district),
    team: cleanTeam(input.team),
  };
}

/** Projects belong to the startup register (`ownerOf()`): every one is public. */
const projectGuard = (context: Context) =>
  publicRecordGuard(context.caller, 'StartupProject', () => assertAllowed(context.caller, 'writeRecord', ownership(), refusal(context, 'startup projects')));

const transitionsOf = (tx: StartupsDb, projectId: string) => transitionsByProjectIds(tx, [projectId]);

export async function createStartupProject(context: Context, rawInput: CreateStartupProjectInput): Promise<WriteResult<ProjectRow>> {
  assertAllowed(context.caller, 'writeRecord', ownership(), refusal(context, 'startup projects'));
  const input = normalised(rawInput);
  const values = {
    titleVi: input.titleVi,
    titleEn: input.titleEn ?? null,
    summary: input.summary ?? null,
    team: input.team ?? [],
    sectors: input.sectors ?? [],
    district: input.district ?? null,
    startedOn: input.startedOn,
  };
  validateProject(values, todayOf(context));
  return write(context, { operation: 'createStartupProject', idempotencyKey: input.idempotencyKey, input: rawInput }, async (tx, emit) => {
    const project = await insertProject(tx, {
      id: newId(),
      ...values,
      stage: 'IDEA',
      searchText: projectSearchText(values),
      provenance: apiProvenance(context),
    });
    const idea = await insertTransition(tx, { id: newId(), projectId: project.id, stage: 'IDEA', occurredOn: values.startedOn, note: null });
    const after = projectSnapshot(project, [idea]);
    await emit(createdEvent({ type: 'startupProject.created', entityType: 'StartupProject', entityId: project.id, after, access: publicAccess() }));
    return project;
  });
}

export async function updateStartupProject(context: Context, rawInput: UpdateStartupProjectInput): Promise<WriteResult<ProjectRow>> {
  assertAllowed(context.caller, 'writeRecord', 'any', refusal(context, 'startup projects'));
  const input = normalised(rawInput);
  return write(context, { operation: 'updateStartupProject', input: rawInput }, async (tx, emit) => {
    const current = await lockForUpdate(tx, projects, input.id, input.expectedVersion, projectGuard(context));
    const next = mergeUpdate(current, input, EDITABLE, REQUIRED);
    validateProject(next, todayOf(context));
    const transitions = await transitionsOf(tx, current.id);
    let nextTransitions = transitions;
    if (next.startedOn !== current.startedOn) {
      // startedOn is the date of the IDEA step: it moves with it and stays before the next step.
      const following = transitions[1];
      if (following && next.startedOn > following.occurredOn) {
        throw badUserInput(
          `"input.startedOn" (${next.startedOn}) is after the project's next step (${following.stage} on ${following.occurredOn})`,
          'input.startedOn',
        );
      }
      const idea = transitions[0]!;
      await redateTransition(tx, idea.id, next.startedOn);
      nextTransitions = [{ ...idea, occurredOn: next.startedOn }, ...transitions.slice(1)];
    }
    const updated = await saveProject(tx, current.id, {
      titleVi: next.titleVi,
      titleEn: next.titleEn,
      summary: next.summary,
      team: next.team,
      sectors: next.sectors,
      district: next.district,
      startedOn: next.startedOn,
      searchText: projectSearchText(next),
      version: current.version + 1,
      updatedAt: new Date(),
    });
    const before = projectSnapshot(current, transitions);
    const after = projectSnapshot(updated, nextTransitions);
    await emit(
      updatedEvent({
        type: 'startupProject.updated',
        entityType: 'StartupProject',
        entityId: current.id,
        version: updated.version,
        before,
        after,
        access: publicAccess(),
      }),
    );
    return updated;
  });
}

export async function transitionStartupProject(context: Context, rawInput: TransitionStartupProjectInput): Promise<WriteResult<ProjectRow>> {
  assertAllowed(context.caller, 'writeRecord', 'any', refusal(context, 'startup projects'));
  const input = { ...rawInput, note: trimmed(rawInput.note) };
  checkText(input.note, 2_000, 'input.note');
  validateNotAfter(input.occurredOn, todayOf(context), 'input.occurredOn');
  if (input.stage === 'INCORPORATED' && input.startupId == null) {
    throw badUserInput(
      '"input.startupId" is required with INCORPORATED: name the startup the project became (create it first with createStartup)',
      'input.startupId',
    );
  }
  if (input.stage !== 'INCORPORATED' && input.startupId != null) throw badUserInput('"input.startupId" goes only with INCORPORATED', 'input.startupId');
  return write(context, { operation: 'transitionStartupProject', input: rawInput }, async (tx, emit) => {
    const current = await lockForUpdate(tx, projects, input.id, input.expectedVersion, projectGuard(context));
    if (!canTransition(current.stage, input.stage)) throw badUserInput(transitionRefusal(current.stage, input.stage), 'input.stage');
    const transitions = await transitionsOf(tx, current.id);
    const latest = transitions.at(-1)!;
    if (input.occurredOn < latest.occurredOn) {
      throw badUserInput(
        `"input.occurredOn" (${input.occurredOn}) is before the project's latest step (${latest.stage} on ${latest.occurredOn})`,
        'input.occurredOn',
      );
    }
    if (input.startupId != null) await linkStartup(tx, emit, current.id, input.startupId);

    const step = await insertTransition(tx, {
      id: newId(),
      projectId: current.id,
      stage: input.stage,
      occurredOn: input.occurredOn,
      note: input.note ?? null,
      synthetic: current.synthetic,
    });
    const updated = await saveProject(tx, current.id, { stage: input.stage, version: current.version + 1, updatedAt: new Date() });
    const before = projectSnapshot(current, transitions);
    const after = projectSnapshot(updated, [...transitions, step]);
    await emit(
      updatedEvent({
        type: 'startupProject.transitioned',
        entityType: 'StartupProject',
        entityId: current.id,
        version: updated.version,
        before,
        after,
        access: publicAccess(),
      }),
    );
    return updated;
  });
}

/** INCORPORATED: the company the project became now names it (a company grows from one project). */
async function linkStartup(tx: StartupsDb, emit: Emit, projectId: string, startupId: string): Promise<void> {
  const startup = await startupForUpdate(tx, startupId);
  if (!startup) throw badUserInput(`"input.startupId" names no known startup: "${startupId}"`, 'input.startupId');
  if (startup.projectId != null) throw badUserInput(`Startup ${startupId} already grew from another project`, 'input.startupId');
  const [already] = await startupsByProjectIds(tx, [projectId]);
  if (already) throw badUserInput(`The project already became startup ${already.id}`, 'input.startupId');
  const linked = await saveStartup(tx, startup.id, { projectId, version: startup.version + 1, updatedAt: new Date() });
  const before = startupSnapshot(startup);
  const after = startupSnapshot(linked);
  await emit(
    updatedEvent({ type: 'startup.updated', entityType: 'Startup', entityId: startup.id, version: linked.version, before, after, access: publicAccess() }),
  );
}
