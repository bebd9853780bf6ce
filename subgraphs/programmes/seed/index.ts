import { stableId } from '../../kernel/platform/ids';
import type { Db } from '../../kernel/platform/db';
import type { Provenance } from '../../kernel/reference/provenance';
import { indicatorId, organizationId, programmeId, type IndicatorCode } from '../../kernel/reference/seed-refs';
import { sourceProvenance } from '../../kernel/reference/sources';
import { searchText } from '../../kernel/platform/text';
import * as schema from '../db/schema';
import { ORGANIZATIONS } from './organizations';
import { INDICATORS, PROGRAMME_LINKS, PROGRAMMES, SUMMARY_CONFERENCE } from './programmes';
import { MEETINGS, STANDINGS } from './meetings';
import { RESEARCH_AGGREGATE_REPORT, STEERING_COMMITTEE_TASK_REPORT } from './reports';
import { generateSynthetic, type SyntheticRows } from './synthetic';

type ProgrammesDb = Db<typeof schema>;

/** Seeds the real records of the programme (see `shared/domain.md`), each with its source, then the synthetic demo volume. */
export async function seed(db: ProgrammesDb): Promise<void> {
  await seedReal(db);
  await insertSynthetic(db, generateSynthetic());
}

async function seedReal(db: ProgrammesDb): Promise<void> {
  await seedMeetingsAndStandings(db);
  await db.insert(schema.organizations).values(
    ORGANIZATIONS.map((org) => ({
      id: organizationId(org.key),
      nameVi: org.nameVi,
      nameEn: org.nameEn,
      shortName: org.shortName ?? null,
      kind: org.kind,
      parentId: org.parent ? organizationId(org.parent) : null,
      searchText: searchText(org.nameVi, org.nameEn, org.shortName),
      synthetic: false,
      provenance: sourceProvenance(org.seeds[0]!, `Named in seed article(s) ${org.seeds.join(', ')}.`, {
        line: org.line,
        quote: org.quote,
        alsoIn: org.seeds.slice(1),
        inferred: org.parent && org.parentInferred ? [`parent body: ${org.parentInferred}`] : [],
      }),
    })),
  );

  await db.insert(schema.programmes).values(
    PROGRAMMES.map((p) => ({
      id: programmeId(p.key),
      code: p.code,
      codeAliases: p.codeAliases ?? [],
      kind: p.kind,
      titleVi: p.titleVi,
      titleEn: p.titleEn,
      issuerId: p.issuer ? organizationId(p.issuer) : null,
      level: p.level,
      periodStartYear: p.periodStartYear,
      periodEndYear: p.periodEndYear,
      termVi: p.termVi ?? null,
      status: p.status,
      reportedCounts: p.reportedCounts ?? null,
      searchText: searchText(p.code, ...(p.codeAliases ?? []), p.titleVi, p.titleEn),
      synthetic: false,
      provenance: sourceProvenance(p.seed, p.note, p.cite),
    })),
  );

  await db.insert(schema.programmeLinks).values(
    PROGRAMME_LINKS.map((link) => ({
      id: stableId('ProgrammeLink', `${link.from}>${link.kind}>${link.to}`),
      fromId: programmeId(link.from),
      toId: programmeId(link.to),
      kind: link.kind,
      note: link.note,
      provenance: sourceProvenance(link.seed, link.note),
    })),
  );

  await db.insert(schema.indicators).values(
    INDICATORS.map((ind) => ({
      id: indicatorId(ind.code),
      code: ind.code,
      programmeId: programmeId(ind.programme),
      ordinal: ind.ordinal,
      nameVi: ind.nameVi,
      nameEn: ind.nameEn,
      unit: ind.unit,
      direction: ind.direction,
      aggregation: ind.aggregation,
      responsibleOrganizationId: ind.responsible ? organizationId(ind.responsible) : null,
      responsibilityAssignedById: ind.responsibilityAssignedBy ? programmeId(ind.responsibilityAssignedBy) : null,
      noteVi: ind.noteVi ?? null,
      noteEn: ind.noteEn ?? null,
      searchText: searchText(ind.code, ind.nameVi, ind.nameEn, ind.unit),
      synthetic: false,
      provenance: sourceProvenance(ind.seed, ind.target.statementVi, { line: ind.line, quote: ind.target.statementVi }),
    })),
  );

  await db.insert(schema.targets).values(
    INDICATORS.map((ind) => ({
      id: stableId('Target', ind.code),
      indicatorId: indicatorId(ind.code),
      periodStart: ind.target.periodStart,
      deadline: ind.target.deadline,
      comparator: ind.target.comparator,
      value: ind.target.value,
      valueMax: ind.target.valueMax ?? null,
      setById: programmeId(ind.target.setBy),
      statementVi: ind.target.statementVi,
      statementEn: ind.target.statementEn,
      synthetic: false,
      provenance: sourceProvenance(
        ind.seed,
        ind.target.deadline ? 'Deadline: the end of the period the source names.' : 'The source gives no year for this target.',
        { line: ind.line, quote: ind.target.statementVi },
      ),
    })),
  );

  const conference = sourceProvenance('004', 'Summary conference of Programme 07-CTr/TU, 3 April 2025.', {
    line: SUMMARY_CONFERENCE.line,
    quote: 'Đã có 4/7 chỉ tiêu của Chương trình đã hoàn thành.',
  });
  await db.insert(schema.programmeProgressReports).values({
    id: stableId('ProgrammeProgressReport', '07-CTr/TU:2025-04-03'),
    programmeId: programmeId(SUMMARY_CONFERENCE.programme),
    reportedOn: SUMMARY_CONFERENCE.reportedOn,
    reportedById: organizationId(SUMMARY_CONFERENCE.reportedBy),
    indicatorsTotal: 7,
    indicatorsAchieved: 4,
    indicatorsLikelyNotAchieved: 3,
    statementVi: SUMMARY_CONFERENCE.statementVi,
    statementEn: SUMMARY_CONFERENCE.statementEn,
    provenance: conference,
  });
  const reportedAssessment = (code: IndicatorCode, status: 'LIKELY_NOT_ACHIEVED' | 'ACHIEVED', provenance: Provenance) => ({
    id: stableId('IndicatorReportedAssessment', `${code}:${SUMMARY_CONFERENCE.reportedOn}`),
    indicatorId: indicatorId(code),
    status,
    provisional: status === 'LIKELY_NOT_ACHIEVED',
    reportedOn: SUMMARY_CONFERENCE.reportedOn,
    reportedById: organizationId(SUMMARY_CONFERENCE.reportedBy),
    statementVi: SUMMARY_CONFERENCE.statementVi,
    statementEn: SUMMARY_CONFERENCE.statementEn,
    provenance,
  });
  await db.insert(schema.indicatorReportedAssessments).values([
    ...SUMMARY_CONFERENCE.likelyNotAchieved.map((code) =>
      reportedAssessment(
        code,
        'LIKELY_NOT_ACHIEVED',
        sourceProvenance('004', '«có khả năng không hoàn thành» (likely not achieved): a projection in April 2025, not a final figure.', {
          line: SUMMARY_CONFERENCE.line,
          quote: 'tuy có khả năng không hoàn thành nhưng do yếu tố khách quan',
        }),
      ),
    ),
    ...SUMMARY_CONFERENCE.achievedByDeduction.map((code) =>
      reportedAssessment(
        code,
        'ACHIEVED',
        sourceProvenance('004', '4 of the 7 indicators achieved; the other 3 are named as likely not achieved, so this one is among the 4.', {
          line: SUMMARY_CONFERENCE.line,
          quote: 'Đã có 4/7 chỉ tiêu của Chương trình đã hoàn thành.',
          inferred: ['which indicators are achieved: the seed gives only «4/7» and names the 3 likely not achieved; this one is deduced to be among the 4'],
        }),
      ),
    ),
  ]);

  const tasks = STEERING_COMMITTEE_TASK_REPORT;
  await db.insert(schema.taskCountReports).values({
    id: stableId('TaskCountReport', `central-steering-committee:${tasks.reportedOn}`),
    reportedOn: tasks.reportedOn,
    reportedById: organizationId(tasks.reportedBy),
    lateOrAtRisk: tasks.lateOrAtRisk,
    needingImmediateAnswer: tasks.needingImmediateAnswer,
    completedOrOnSchedule: tasks.completedOrOnSchedule,
    completedByUnit: tasks.completedByUnit.map((share) => ({
      organizationIds: share.organizations.map(organizationId),
      labelVi: share.labelVi,
      labelEn: share.labelEn,
      count: share.count,
    })),
    contentGroups: tasks.contentGroups,
    statementVi: tasks.statementVi,
    statementEn: tasks.statementEn,
    provenance: sourceProvenance('001', tasks.note, { line: 15, quote: 'Tổ giúp việc Ban Chỉ đạo phải ký gửi 44 nhiệm vụ cho các đơn vị đang chậm, muộn' }),
  });

  const research = RESEARCH_AGGREGATE_REPORT;
  await db.insert(schema.researchAggregateReports).values({
    id: stableId('ResearchAggregateReport', `city-st-tasks:${research.reportedOn}`),
    reportedOn: research.reportedOn,
    reportedById: organizationId(research.reportedBy),
    periodStartYear: research.periodStartYear,
    periodEndYear: research.periodEndYear,
    projectCount: research.projectCount,
    byCategory: research.byCategory,
    totalFundingVnd: research.totalFundingVnd,
    appliedShareAbove: research.appliedShareAbove,
    boardCount: research.boardCount,
    statementVi: research.statementVi,
    statementEn: research.statementEn,
    provenance: sourceProvenance('003', research.note, {
      line: 24,
      quote: 'đã có 346 nhiệm vụ khoa học và công nghệ cấp Thành phố được triển khai',
      alsoIn: ['000'],
    }),
  });
}

/** The dated meetings and the rankings the sources report (seeds 000, 001, 003, 004). */
async function seedMeetingsAndStandings(db: ProgrammesDb): Promise<void> {
  await db.insert(schema.meetings).values(
    MEETINGS.map((meeting) => ({
      id: stableId('Meeting', meeting.key),
      heldOn: meeting.heldOn,
      planned: meeting.planned ?? false,
      titleVi: meeting.titleVi,
      titleEn: meeting.titleEn,
      convenedById: organizationId(meeting.convenedBy),
      sequenceVi: meeting.sequence?.vi ?? null,
      sequenceEn: meeting.sequence?.en ?? null,
      decisions: meeting.decisions,
      provenance: sourceProvenance(meeting.seed, undefined, meeting.cite),
    })),
  );
  await db.insert(schema.standings).values(
    STANDINGS.map((standing) => ({
      id: stableId('Standing', standing.key),
      kind: standing.kind,
      subjectVi: standing.subjectVi,
      subjectEn: standing.subjectEn,
      scope: standing.scope,
      position: standing.position,
      year: standing.year,
      noteVi: standing.note?.vi ?? null,
      noteEn: standing.note?.en ?? null,
      setById: standing.setBy ? programmeId(standing.setBy) : null,
      statementVi: standing.statementVi,
      statementEn: standing.statementEn,
      provenance: sourceProvenance(standing.seed, undefined, standing.cite),
    })),
  );
}

/** Inserts generated rows in bounded multi-row statements (a few hundred rows each). */
export async function insertSynthetic(db: ProgrammesDb, rows: SyntheticRows): Promise<void> {
  const chunked = async <T>(table: Parameters<ProgrammesDb['insert']>[0], values: T[]) => {
    for (let i = 0; i < values.length; i += 500) {
      // Each table's rows come typed from the generator; insert() cannot relate the two generically.
      await db.insert(table).values(values.slice(i, i + 500) as never);
    }
  };
  await chunked(schema.organizations, rows.organizations);
  await chunked(schema.programmes, rows.programmes);
  await chunked(schema.taskGroups, rows.taskGroups);
  await chunked(schema.programmeBoards, rows.boards);
  await chunked(schema.indicators, rows.indicators);
  await chunked(schema.targets, rows.targets);
  await chunked(schema.observations, rows.observations);
  await chunked(schema.observationRevisions, rows.revisions);
  await chunked(schema.tasks, rows.tasks);
  await chunked(schema.taskProgressUpdates, rows.progressUpdates);
  await chunked(schema.researchProjects, rows.researchProjects);
}
