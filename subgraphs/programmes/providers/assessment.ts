import type { Loaders } from '../loaders';
import type { IndicatorAssessmentModel, IndicatorModel, ObservationModel, ProgrammeModel, ProgrammeProgressModel, TargetModel } from '../models';
import { assessIndicator, primaryTarget, type RuleObservation } from '../rules/indicator-status';
import type { ProvisionalReach } from '../store/visibility';

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
  const [chosen, series] = await Promise.all([
    target !== undefined ? Promise.resolve(target) : loaders.targetsByIndicator.load(indicator.id).then((targets) => primaryTarget(targets)),
    loaders.observationsByIndicator.load({ indicatorId: indicator.id, asOf: options.asOf ?? null, reach: options.reach }),
  ]);
  const usable = series.filter((observation) => includeSynthetic || observation.synthetic === indicator.synthetic).map(ruleObservation);
  const { explanation, ...assessment } = assessIndicator(indicator, chosen, usable);
  return { ...assessment, rule: explanation, target: chosen, includesSynthetic: includeSynthetic };
}

export async function programmeProgress(programme: ProgrammeModel, loaders: Loaders, options: AssessmentOptions): Promise<ProgrammeProgressModel> {
  const indicators = await loaders.indicatorsByProgramme.load(programme.id);
  const assessments = await Promise.all(indicators.map((indicator) => assessWithLoaders(indicator, loaders, options)));
  const countOf = (status: IndicatorAssessmentModel['status']) => assessments.filter((a) => a.status === status).length;
  return {
    programme,
    total: assessments.length,
    achieved: countOf('ACHIEVED'),
    onTrack: countOf('ON_TRACK'),
    atRisk: countOf('AT_RISK'),
    notAchieved: countOf('NOT_ACHIEVED'),
    noData: countOf('NO_DATA'),
  };
}
