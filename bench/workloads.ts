import { createRandom, type Random } from '../subgraphs/kernel/platform/random';

/**
 * The read workloads (W1-W4, W6), each an operation a real client sends, with the variables
 * of the "hot" mix (every client the same) and a deterministic generator for the "varied"
 * mix (drawn from realistic distributions: search terms, filters, pages, ids).
 */
export type Variables = Record<string, unknown>;

export interface Workload {
  id: string;
  title: string;
  query: string;
  hot: Variables;
  /** The varied mix: `count` variable sets, the same on every run. */
  varied(count: number): Variables[];
}

/** What the workloads draw their ids and cursors from, read from the loaded graph before the runs. */
export interface GraphFacts {
  /** Programmes with indicators, the demo programme (most indicators) first. */
  programmeIds: string[];
  /** Cursors of pages 2..n of the demo programme's indicators (page 1 has none). */
  indicatorPageCursors: string[];
  hubIds: string[];
  areaCodes: string[];
  /** Cursor after which page 1,000 (or the last full page) of the startup list starts, and that page's number. */
  deepPage: { page: number; after: string | null };
}

const pick = <T>(random: Random, items: readonly T[]): T => random.pick(items);
const draws = (seed: string, count: number, draw: (random: Random) => Variables): Variables[] => {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => draw(random));
};

const DASHBOARD = `query MinistryDashboard($programmeIds: [ID!], $after: String, $from: Date) {
  indicators(first: 20, after: $after, filter: { programmeIds: $programmeIds }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id code name { vi en } unit direction
      primaryTarget { comparator value valueMax deadline baseline { value period } }
      targets(first: 10) { nodes { comparator value deadline } }
      status: indicatorStatus(includeSynthetic: true)
      observations(from: $from, first: 20) { nodes { period { kind label } value status: observationStatus sourceDataset { id title { vi } } } }
      responsibleOrganization { id name { vi en } shortName kind: organizationKind }
      sourceDatasets { id title { vi } accessLevel publisher { id shortName } }
    }
  }
}`;

const DIRECTORY = `query StartupDirectory($filter: StartupFilter) {
  startups(first: 20, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id name { vi } sectors stage: startupStage status: startupStatus district foundedOn teamSize
      fundingRounds { type announcedOn }
      hubParticipations { outcome cohort { name { vi } hub { id name { vi } kind: innovationHubKind district operator { id name { vi } shortName } } } }
    }
  }
}`;

const CATALOGUE = `query DatasetSearch($filter: DatasetFilter, $orderBy: DatasetOrder) {
  datasets(first: 20, filter: $filter, orderBy: $orderBy) {
    totalCount
    nodes { id identifier title { vi en } accessLevel modified themes { code } publisher { id name { vi } } quality { score rating } }
    facets {
      themes { theme { code } count }
      publishers { publisher { id name { vi } } count }
      formats { format count }
      accessLevels { accessLevel count }
      licences { licence { id } count }
      qualityRatings { rating count }
    }
  }
}`;

const FINDER = `query ExpertFinder($filter: ExpertFilter!) {
  findExperts(filter: $filter, first: 20) {
    totalCount
    edges {
      score
      matchedAreas { code name { vi } }
      node { id displayName academicTitle degree availability willingTo languages expertiseAreas { code } affiliations { current institution { vi } organization { id name { vi } } } }
    }
  }
}`;

/** W6: one page of the largest list, at page 1 and deep in it (keyset cursors make both cost the same). */
export const PAGE = `query StartupPage($first: Int!, $after: String) {
  startups(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id name { vi } stage: startupStage district hubParticipations { cohort { hub { id name { vi } operator { id shortName } } } } }
  }
}`;

const SECTORS = [
  'ARTIFICIAL_INTELLIGENCE',
  'SOFTWARE',
  'FINTECH',
  'EDTECH',
  'HEALTHTECH',
  'BIOTECH',
  'AGRITECH',
  'ECOMMERCE',
  'LOGISTICS',
  'CLEANTECH',
  'SMART_CITY',
];
const STAGES = ['PROTOTYPE', 'EARLY_REVENUE', 'GROWTH', 'SCALE_UP'];
const DISTRICTS = ['Cầu Giấy', 'Đống Đa', 'Hai Bà Trưng', 'Thanh Xuân', 'Nam Từ Liêm', 'Hoàn Kiếm', 'Long Biên', 'Hà Đông'];
/** Words people type into the startup search box: invented brand names and sector words of the synthetic data. */
const STARTUP_TERMS = ['Zentho', 'Lumira', 'Quovix', 'Bravin', 'Kelix', 'Orbin', 'Pay', 'Edu', 'Care', 'Agri', 'Green', 'demo 12'];
const DATASET_TERMS = [
  'khởi nghiệp',
  'chất lượng không khí',
  'dân số',
  'giao thông',
  'năng lượng',
  'doanh nghiệp',
  'ngân sách',
  'y tế',
  'sáng chế',
  'chuyển đổi số',
  'air quality',
  'budget',
];
const THEMES = ['TECH', 'ECON', 'AGRI', 'ENVI', 'HEAL', 'TRAN', 'EDUC', 'GOVE', 'SOCI', 'ENER'];
const FORMATS = ['CSV', 'JSON', 'XLSX', 'PDF', 'GEOJSON'];
const EXPERT_TERMS = [
  'trí tuệ nhân tạo',
  'học máy',
  'công nghệ sinh học',
  'vật liệu nano',
  'chuyển đổi số',
  'dữ liệu mở',
  'IoT',
  'khởi nghiệp',
  'bán dẫn',
  'năng lượng tái tạo',
  'machine learning',
  'fintech',
];
const LANGUAGES = ['en', 'fr', 'ja', 'de', 'ko'];
const AVAILABILITY = ['AVAILABLE', 'LIMITED'];
const HELP = ['MENTOR', 'REVIEW', 'ADVISE'];
const OBSERVED_FROM = ['2024-01-01', '2024-07-01', '2023-01-01', '2024-10-01'];

export function readWorkloads(facts: GraphFacts): Workload[] {
  return [
    {
      id: 'W1',
      title: 'ministry dashboard',
      query: DASHBOARD,
      hot: { programmeIds: [facts.programmeIds[0]], after: null, from: '2024-07-01' },
      varied: (count) =>
        draws('bench:W1', count, (random) => {
          const demo = random.chance(0.6);
          const after = demo && facts.indicatorPageCursors.length && random.chance(0.7) ? pick(random, facts.indicatorPageCursors) : null;
          return { programmeIds: [demo ? facts.programmeIds[0] : pick(random, facts.programmeIds)], after, from: pick(random, OBSERVED_FROM) };
        }),
    },
    {
      id: 'W2',
      title: 'startup directory',
      query: DIRECTORY,
      hot: { filter: { sectors: ['FINTECH'], statuses: ['ACTIVE'] } },
      varied: (count) =>
        draws('bench:W2', count, (random) => {
          const filter: Variables = {};
          if (random.chance(0.4)) filter.search = pick(random, STARTUP_TERMS);
          if (random.chance(0.5)) filter.sectors = random.sample(SECTORS, random.int(1, 2));
          if (random.chance(0.3)) filter.districts = [pick(random, DISTRICTS)];
          if (random.chance(0.25)) filter.stages = [pick(random, STAGES)];
          if (facts.hubIds.length && random.chance(0.25)) filter.hubId = pick(random, facts.hubIds);
          if (random.chance(0.2)) filter.foundedFrom = `${random.int(2016, 2023)}-01-01`;
          return { filter };
        }),
    },
    {
      id: 'W3',
      title: 'dataset search + facets',
      query: CATALOGUE,
      hot: { filter: { search: 'khởi nghiệp' }, orderBy: null },
      varied: (count) =>
        draws('bench:W3', count, (random) => {
          const filter: Variables = {};
          if (random.chance(0.7)) filter.search = pick(random, DATASET_TERMS);
          if (random.chance(0.35)) filter.themes = [pick(random, THEMES)];
          if (random.chance(0.2)) filter.formats = [pick(random, FORMATS)];
          if (random.chance(0.15)) filter.overdue = random.chance(0.5);
          return { filter, orderBy: random.chance(0.3) ? pick(random, ['TITLE', 'QUALITY']) : null };
        }),
    },
    {
      id: 'W4',
      title: 'expert finder',
      query: FINDER,
      hot: { filter: { areas: ['PA-AI'], languages: ['en'] } },
      varied: (count) =>
        draws('bench:W4', count, (random) => {
          const filter: Variables = {};
          if (facts.areaCodes.length && random.chance(0.7)) filter.areas = random.sample(facts.areaCodes, random.int(1, 2));
          if (random.chance(0.5)) filter.search = pick(random, EXPERT_TERMS);
          if (random.chance(0.25)) filter.languages = [pick(random, LANGUAGES)];
          if (random.chance(0.2)) filter.availability = [pick(random, AVAILABILITY)];
          if (random.chance(0.2)) filter.willingTo = [pick(random, HELP)];
          if (!Object.keys(filter).length) filter.search = pick(random, EXPERT_TERMS);
          return { filter };
        }),
    },
  ];
}

/** W6 as two workloads: page 1 and page ~1,000 of the startup list, 20 a page. */
export function pagingWorkloads(facts: GraphFacts): Workload[] {
  const page = (after: string | null): Variables => ({ first: 20, after });
  return [
    { id: 'W6a', title: 'startup list, page 1', query: PAGE, hot: page(null), varied: () => [page(null)] },
    {
      id: 'W6b',
      title: `startup list, page ${facts.deepPage.page.toLocaleString('en')}`,
      query: PAGE,
      hot: page(facts.deepPage.after),
      varied: () => [page(facts.deepPage.after)],
    },
  ];
}
