import { inSyntheticScope } from '../kernel/reference/synthetic-scope';
import type { Loaders } from './loaders';
import type {
  IndicatorAssessmentModel,
  IndicatorModel,
  IndicatorReportedAssessmentModel,
  ObservationModel,
  ProgrammeModel,
  ProgrammeProgressModel,
  TargetModel,
} from './models';
import { assessIndicator, primaryTarget, type RuleObservation } from './rules/indicator-status';
import type { ProvisionalReach } from './store/visibility';

export interface AssessmentOptions {
  includeSynthetic?: boolean | null;
  asOf?: Date | null;
  /** Whose provisional values the reader sees: the status is computed only on what they see. */
  reach: ProvisionalReach;
}

/** The rule's view of an observation: its period and the revision in force. */
function ruleObservation(observation: ObservationModel): ObservationModel & RuleObservation {
  return { ...observation, value: observation.revision.value, status: observation.revision.status };
}

/**
 * Computes an indicator's status against `target` (default: its primary target) through the
 * request's loaders, so a page of indicators costs one statement for targets and one for
 * observations. A real indicator is assessed on real observations only, a synthetic one on
 * synthetic ones, unless `includeSynthetic`; and only on the values the reader may see, so a
 * status never reveals a provisional value to someone who may not read it.
 */
export async function assessWithLoaders(
  indicator: IndicatorModel,
  loaders: Loaders,
  options: AssessmentOptions,
  target?: TargetModel | null,
): Promise<IndicatorAssessmentModel> {
  const includeSynthetic = options.includeSynthetic ?? false;
  // The default reading may fall back on a reported status: load it in the same batch, so a page costs the same statements whatever the statuses.
  const mayReport = !includeSynthetic && !options.asOf;
  const [chosen, reported] = await Promise.all([
    target !== undefined ? Promise.resolve(target) : loaders.targetsByIndicator.load(indicator.id).then((targets) => primaryTarget(targets)),
    mayReport ? loaders.reportedAssessmentsByIndicator.load(indicator.id) : Promise.resolve([]),
  ]);
  // The rule compares one observation, the latest usable in the target's window: the database narrows the series to its candidates.
  const candidates = chosen
    ? await loaders.latestUsableObservations.load({
        indicatorId: indicator.id,
        from: chosen.periodStart,
        to: chosen.deadline,
        asOf: options.asOf ?? null,
        reach: options.reach,
      })
    : [];
  const usable = candidates.filter((observation) => includeSynthetic || observation.synthetic === indicator.synthetic).map(ruleObservation);
  const { explanation, ...assessment } = assessIndicator(indicator, chosen, usable);
  const computed = { ...assessment, rule: explanation, target: chosen, includesSynthetic: includeSynthetic, reportedAssessment: null };
  return assessment.status === 'NO_DATA' ? withReportedStatus(computed, reported) : computed;
}

/**
 * Where nothing can be computed, the status a source reported (the latest statement), labelled
 * as reported (ruleCode REPORTED, with the statement), so a dashboard shows what is known.
 * Only for the default reading: an `asOf` reading (a statement's date is no revision history)
 * and an `includeSynthetic` one (a what-if over demo values) are always computed.
 */
function withReportedStatus(computed: IndicatorAssessmentModel, reported: IndicatorReportedAssessmentModel[]): IndicatorAssessmentModel {
  const latest = [...reported].sort((a, b) => (b.reportedOn ?? '').localeCompare(a.reportedOn ?? ''))[0];
  if (!latest) return computed;
  const kind = latest.provisional ? 'a projection' : 'a reported result';
  return {
    ...computed,
    status: latest.status,
    ruleCode: 'REPORTED',
    rule: `${computed.rule} Shown instead: the status a source reported on ${latest.reportedOn ?? 'an unknown date'} (${kind}, not computed): ${latest.status}.`,
    reportedAssessment: latest,
  };
}

/** Counts the statuses of the programme's indicators in `scope` (true: demo ones, false: real ones, null: both). */
export async function programmeProgress(
  programme: ProgrammeModel,
  loaders: Loaders,
  options: AssessmentOptions,
  scope: boolean | null = programme.synthetic,
): Promise<ProgrammeProgressModel> {
  const indicators = inSyntheticScope(await loaders.indicatorsByProgramme.load(programme.id), scope);
  const assessments = await Promise.all(indicators.map((indicator) => assessWithLoaders(indicator, loaders, options)));
  const countOf = (status: IndicatorAssessmentModel['status']) => assessments.filter((a) => a.status === status).length;
  return {
    programme,
    total: assessments.length,
    achieved: countOf('ACHIEVED'),
    onTrack: countOf('ON_TRACK'),
    atRisk: countOf('AT_RISK'),
    notAchieved: countOf('NOT_ACHIEVED'),
    likelyNotAchieved: countOf('LIKELY_NOT_ACHIEVED'),
    noData: countOf('NO_DATA'),
    reported: assessments.filter((a) => a.ruleCode === 'REPORTED').length,
    includesSyntheticIndicators: indicators.some((indicator) => indicator.synthetic),
  };
}
