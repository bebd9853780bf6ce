/** Where client text meets a subgraph's SQL, for tests of bad input: the client schema's search filters and id lookups. */

/** Every root field whose filter has `search`, with its filter type. */
export const SEARCHABLE_LISTS: Array<[field: string, filterType: string]> = [
  ['organizations', 'OrganizationFilter'],
  ['programmes', 'ProgrammeFilter'],
  ['indicators', 'IndicatorFilter'],
  ['tasks', 'TaskFilter'],
  ['researchProjects', 'ResearchProjectFilter'],
  ['programmeBoards', 'ProgrammeBoardFilter'],
  ['startups', 'StartupFilter'],
  ['startupProjects', 'StartupProjectFilter'],
  ['hubs', 'InnovationHubFilter'],
  ['experts', 'ExpertFilter'],
  ['expertiseAreas', 'ExpertiseAreaFilter'],
  ['networks', 'NetworkFilter'],
  ['datasets', 'DatasetFilter'],
  ['findExperts', 'ExpertFilter!'],
  ['researchProjectStats', 'ResearchProjectFilter'],
  ['indicatorStatusCounts', 'ProgrammeFilter'],
];

/** Root fields that look one record up by id. */
export const BY_ID = [
  'organization',
  'programme',
  'indicator',
  'task',
  'researchProject',
  'startup',
  'startupProject',
  'hub',
  'cohort',
  'expert',
  'expertiseArea',
  'network',
  'dataset',
];
