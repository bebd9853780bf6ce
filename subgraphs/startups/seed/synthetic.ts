import type { InferInsertModel } from 'drizzle-orm';
import { stableId } from '../../kernel/platform/ids';
import { syntheticProvenance } from '../../kernel/reference/provenance';
import { createRandom, type Random } from '../../kernel/platform/random';
import { organizationId, programmeId, syntheticId } from '../../kernel/reference/seed-refs';
import type * as schema from '../db/schema';
import { SECTORS } from '../db/schema';
import { SYNTHETIC_HUBS } from './hubs';
import { cohortSearchText, projectSearchText, startupSearchText } from '../rules/search-text';

/**
 * The synthetic demo volume: no startup is named in the sources, so every startup, project,
 * cohort and funding round here is invented, marked `synthetic`, and generated from a fixed
 * seed. Each "unit" i (a project, and optionally the company it became or that exists beside
 * it) depends only on (seed, i), so any range of units can be generated alone: the default
 * seed writes units 0..399 and the benchmark script appends more in batches.
 */
export const DEFAULT_SEED = 20250403;
/** No synthetic date falls after this day, so the data does not change with the calendar. */
export const SEED_HORIZON = '2025-06-30';

type Sector = (typeof SECTORS)[number];
type ProjectRow = InferInsertModel<typeof schema.projects>;
type TransitionRow = InferInsertModel<typeof schema.projectTransitions>;
type SupportRow = InferInsertModel<typeof schema.projectSupports>;
type StartupRow = InferInsertModel<typeof schema.startups>;
type CertificationRow = InferInsertModel<typeof schema.certifications>;
type CohortRow = InferInsertModel<typeof schema.cohorts>;
type ParticipationRow = InferInsertModel<typeof schema.participations>;
type RoundRow = InferInsertModel<typeof schema.fundingRounds>;

export interface SyntheticBatch {
  projects: ProjectRow[];
  transitions: TransitionRow[];
  supports: SupportRow[];
  startups: StartupRow[];
  certifications: CertificationRow[];
  participations: ParticipationRow[];
  rounds: RoundRow[];
}

// ------------------------------------------------------------------ dates

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

// ------------------------------------------------------------------ invented words

/** Pre-2025 districts of Hanoi; urban ones repeated so they come up more often. */
const DISTRICTS = [
  'Cầu Giấy',
  'Cầu Giấy',
  'Cầu Giấy',
  'Đống Đa',
  'Đống Đa',
  'Hai Bà Trưng',
  'Hai Bà Trưng',
  'Thanh Xuân',
  'Thanh Xuân',
  'Nam Từ Liêm',
  'Nam Từ Liêm',
  'Bắc Từ Liêm',
  'Ba Đình',
  'Hoàn Kiếm',
  'Tây Hồ',
  'Long Biên',
  'Hoàng Mai',
  'Hà Đông',
  'Thạch Thất',
  'Gia Lâm',
  'Đông Anh',
  'Hoài Đức',
  'Thanh Trì',
  'Sơn Tây',
] as const;

const COINED = [
  'Zentho',
  'Lumira',
  'Quovix',
  'Bravin',
  'Tarsel',
  'Vemto',
  'Kelix',
  'Orbin',
  'Miralo',
  'Trinex',
  'Zanqo',
  'Pexlo',
  'Taviq',
  'Wexa',
  'Sorvi',
  'Ulvan',
];

const SECTOR_WORD: Record<Sector, string> = {
  ARTIFICIAL_INTELLIGENCE: 'AI',
  SOFTWARE: 'Soft',
  FINTECH: 'Pay',
  EDTECH: 'Edu',
  HEALTHTECH: 'Care',
  BIOTECH: 'Bio',
  AGRITECH: 'Agri',
  ECOMMERCE: 'Shop',
  LOGISTICS: 'Ship',
  CLEANTECH: 'Green',
  SMART_CITY: 'City',
  IOT_ELECTRONICS: 'Sense',
  MANUFACTURING: 'Works',
  CREATIVE_DESIGN: 'Design',
  TOURISM: 'Travel',
};

const TOPIC: Record<Sector, [vi: string, en: string]> = {
  ARTIFICIAL_INTELLIGENCE: ['Trợ lý ảo tiếng Việt cho dịch vụ công', 'Vietnamese virtual assistant for public services'],
  SOFTWARE: ['Nền tảng quản lý hồ sơ cho doanh nghiệp nhỏ', 'Records platform for small businesses'],
  FINTECH: ['Ví điện tử cho tiểu thương chợ truyền thống', 'E-wallet for traditional market traders'],
  EDTECH: ['Ứng dụng học kỹ năng số cho người cao tuổi', 'Digital-skills app for older learners'],
  HEALTHTECH: ['Đặt lịch khám và theo dõi bệnh mạn tính', 'Clinic booking and chronic-care tracking'],
  BIOTECH: ['Chế phẩm sinh học bảo quản nông sản', 'Bio-preparations to preserve farm produce'],
  AGRITECH: ['Truy xuất nguồn gốc rau an toàn', 'Traceability for safe vegetables'],
  ECOMMERCE: ['Sàn thương mại điện tử cho sản phẩm OCOP', 'Marketplace for OCOP products'],
  LOGISTICS: ['Tối ưu tuyến giao hàng chặng cuối', 'Last-mile delivery route optimisation'],
  CLEANTECH: ['Thu gom và tái chế rác thải nhựa', 'Plastic waste collection and recycling'],
  SMART_CITY: ['Cảm biến chất lượng không khí khu dân cư', 'Neighbourhood air-quality sensors'],
  IOT_ELECTRONICS: ['Thiết bị IoT giám sát trạm bơm', 'IoT monitoring for pumping stations'],
  MANUFACTURING: ['Linh kiện cơ khí chính xác cho công nghiệp hỗ trợ', 'Precision parts for supporting industry'],
  CREATIVE_DESIGN: ['Thiết kế bao bì cho sản phẩm làng nghề', 'Packaging design for craft-village products'],
  TOURISM: ['Hướng dẫn du lịch phố cổ bằng thực tế tăng cường', 'Augmented-reality guide to the Old Quarter'],
};

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thu', 'Đức', 'Hải', 'Ngọc', 'Quang'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Khoa', 'Lan', 'Linh', 'Nam', 'Phương', 'Quân', 'Trang', 'Tuấn'];
const ROLES = ['Team lead', 'Engineer', 'Business development', 'Product design'];
const FUNDS = [
  'Quỹ mô phỏng Sao Khuê (demo)',
  'Demo Ventures Alpha',
  'Quỹ mô phỏng Thăng Long (demo)',
  'Demo Angels Network',
  'Quỹ mô phỏng Tràng An (demo)',
  'Demo Capital Partners',
];

const SUPPORTING_PROGRAMMES = [programmeId('07-CTr/TU'), programmeId('185/KH-UBND')] as const;
/** Programme 07-CTr/TU and its plan run 2021-2025: no support is dated before. */
const PROGRAMME_START = '2021-01-01';

function personName(rng: Random): string {
  return `${rng.pick(FAMILY)} ${rng.pick(MIDDLE)} ${rng.pick(GIVEN)}`;
}

function provenance(what: string, seed: number, unit: number) {
  return syntheticProvenance(`Invented ${what} (subgraphs/startups/seed/synthetic.ts, seed ${seed}, unit ${unit}); any resemblance to a real one is chance.`);
}

// ------------------------------------------------------------------ cohorts

export interface SyntheticCohort extends CohortRow {
  hubIndex: number;
}

/** Two intakes a year (March, September) at each demo hub, 2016 up to the horizon. */
export function syntheticCohorts(): SyntheticCohort[] {
  const cohorts: SyntheticCohort[] = [];
  SYNTHETIC_HUBS.forEach((hub, hubIndex) => {
    for (let year = 2016; year <= 2025; year++) {
      for (const [month, label] of [
        ['03', 'A'],
        ['09', 'B'],
      ] as const) {
        const startsOn = `${year}-${month}-01`;
        if (startsOn > SEED_HORIZON) continue;
        const name = `Khóa ${year}-${label} (mô phỏng)`;
        cohorts.push({
          id: stableId('Cohort', `synthetic:${hub.id}:${startsOn}`),
          hubId: hub.id,
          hubIndex,
          name,
          startsOn,
          endsOn: addDays(startsOn, 181),
          searchText: cohortSearchText(name, hub.nameVi),
          synthetic: true,
          provenance: syntheticProvenance('Invented intake of a demo hub (subgraphs/startups/seed/synthetic.ts).'),
        });
      }
    }
  });
  return cohorts;
}

const COHORTS = syntheticCohorts();
const COHORTS_BY_HUB = SYNTHETIC_HUBS.map((_hub, index) => COHORTS.filter((cohort) => cohort.hubIndex === index));

/** The first intake of a hub that starts on or after `date`. */
function nextCohort(hubIndex: number, date: string): SyntheticCohort | undefined {
  return COHORTS_BY_HUB[hubIndex]!.find((cohort) => cohort.startsOn >= date);
}

function hubFor(rng: Random, sectors: Sector[]): number {
  const focused = SYNTHETIC_HUBS.flatMap((hub, index) => (hub.focusSectors?.some((s) => sectors.includes(s)) ? [index] : []));
  return focused.length && rng.chance(0.7) ? rng.pick(focused) : rng.int(0, SYNTHETIC_HUBS.length - 1);
}

// ------------------------------------------------------------------ funding

const LADDER = ['SEED', 'SERIES_A', 'SERIES_B', 'SERIES_C_PLUS'] as const;
type RoundType = (typeof schema.ROUND_TYPES)[number];

function money(rng: Random, type: RoundType): { amount: number | null; currency: string | null } {
  if (rng.chance(0.1)) return { amount: null, currency: null }; // undisclosed
  const vnd = (min: number, max: number) => ({ amount: rng.int(min, max) * 1_000_000, currency: 'VND' });
  const usd = (min: number, max: number) => ({ amount: rng.int(min, max) * 1_000, currency: 'USD' });
  switch (type) {
    case 'GRANT':
      return vnd(100, 2_000);
    case 'ANGEL':
    case 'PRE_SEED':
    case 'CROWDFUNDING':
      return rng.chance(0.6) ? vnd(500, 5_000) : usd(20, 200);
    case 'DEBT':
      return vnd(1_000, 20_000);
    case 'SEED':
      return usd(100, 1_000);
    case 'SERIES_A':
      return usd(1_000, 6_000);
    case 'SERIES_B':
      return usd(5_000, 20_000);
    default:
      return usd(15_000, 60_000);
  }
}

function investors(rng: Random, type: RoundType): Array<{ name: string; organizationId: string | null }> {
  if (type === 'GRANT') return [{ name: 'Sở Khoa học và Công nghệ Hà Nội', organizationId: organizationId('so-khcn-ha-noi') }];
  return rng.sample(FUNDS, rng.int(1, 3)).map((name) => ({ name, organizationId: null }));
}

// ------------------------------------------------------------------ one unit

/**
 * Unit i: project i; with `withStartup`, also startup i, which grew from project i (80 %)
 * or was founded beside it. Dates follow the project's path: idea, a cohort at a demo hub,
 * incorporation, first funding, or stopping.
 */
export function generateUnit(seed: number, i: number, withStartup: boolean, batch: SyntheticBatch): void {
  const rng = createRandom(`startups:${seed}:${i}`);
  const sectors = rng.sample(SECTORS, rng.int(1, 2)) as Sector[];
  const district = rng.pick(DISTRICTS);
  const startedOn = rng.date('2016-01-01', '2024-10-31');
  const projectId = syntheticId('StartupProject', i);
  const grewIntoStartup = withStartup && rng.chance(0.8);
  const topic = TOPIC[sectors[0]!];
  const team = Array.from({ length: rng.int(2, 4) }, (_v, k) => ({ name: personName(rng), role: ROLES[k % ROLES.length]! }));

  const transitions: Array<{ stage: TransitionRow['stage']; on: string; note: string }> = [
    { stage: 'IDEA', on: startedOn, note: 'Team formed around the idea.' },
  ];
  const last = () => transitions.at(-1)!.on;

  // Incubation in a cohort of a demo hub.
  let cohort: SyntheticCohort | undefined;
  if (rng.chance(grewIntoStartup ? 0.85 : 0.55)) {
    cohort = nextCohort(hubFor(rng, sectors), addDays(startedOn, 20));
    if (cohort) transitions.push({ stage: 'INCUBATED', on: cohort.startsOn, note: `Joined ${cohort.name}.` });
  }

  // The company.
  let startup: StartupRow | undefined;
  let firstRoundOn: string | undefined;
  let stoppedOn: string | undefined;
  if (withStartup) {
    const foundedOn = grewIntoStartup ? minDate(addDays(last(), rng.int(60, 420)), SEED_HORIZON) : rng.date('2014-01-01', SEED_HORIZON);
    if (grewIntoStartup) transitions.push({ stage: 'INCORPORATED', on: foundedOn, note: 'Registered as a company.' });
    const startupId = syntheticId('Startup', i);
    const roundCount = rng.pick([0, 0, 0, 1, 1, 1, 1, 2, 2, 3]);
    let date = foundedOn;
    let roundsMade = 0;
    for (let k = 0; k < roundCount; k++) {
      date = addDays(date, rng.int(90, 600));
      if (date > SEED_HORIZON) break;
      const type: RoundType =
        k === 0
          ? rng.pick(['GRANT', 'ANGEL', 'PRE_SEED', 'SEED', 'CROWDFUNDING'] as const)
          : rng.chance(0.15)
            ? 'DEBT'
            : LADDER[Math.min(k - 1, LADDER.length - 1)]!;
      batch.rounds.push({
        id: stableId('FundingRound', `synthetic:${i}:${k}`),
        startupId,
        type,
        announcedOn: date,
        ...money(rng, type),
        investors: investors(rng, type),
        synthetic: true,
        provenance: provenance('funding round', seed, i),
      });
      firstRoundOn ??= date;
      roundsMade++;
    }
    if (grewIntoStartup && firstRoundOn) transitions.push({ stage: 'FUNDED', on: firstRoundOn, note: 'The company raised its first funding.' });
    const name = `${rng.pick(COINED)} ${SECTOR_WORD[sectors[0]!]} (demo ${i})`;
    const registrationCode = `99${String(i).padStart(8, '0')}`;
    startup = {
      id: startupId,
      name,
      registrationCode,
      foundedOn,
      sectors,
      stage: (['PROTOTYPE', 'EARLY_REVENUE', 'GROWTH', 'SCALE_UP'] as const)[Math.min(roundsMade + (rng.chance(0.5) ? 0 : 1), 3)]!,
      status: rng.chance(0.08) ? 'CLOSED' : rng.chance(0.04) ? 'ACQUIRED' : 'ACTIVE',
      district,
      address: `Số ${rng.int(1, 300)} (địa chỉ mô phỏng), ${district}, Hà Nội`,
      website: `https://demo-startup-${i}.example`,
      teamSize: rng.int(2, 60),
      projectId: grewIntoStartup ? projectId : null,
      searchText: startupSearchText({ name, registrationCode, district }),
      synthetic: true,
      provenance: provenance('startup', seed, i),
    };
    batch.startups.push(startup);
    if (rng.chance(0.2)) {
      const issuedOn = addDays(foundedOn, rng.int(200, 900));
      if (issuedOn <= SEED_HORIZON) {
        batch.certifications.push({
          id: stableId('StartupCertification', `synthetic:${i}:st`),
          startupId,
          kind: 'ST_ENTERPRISE',
          certificateNumber: `DEMO-KHCN-${i}`,
          issuedOn,
          expiresOn: null,
          synthetic: true,
          provenance: provenance('certification', seed, i),
        });
      }
    }
    if (rng.chance(0.06)) {
      const issuedOn = addDays(foundedOn, rng.int(365, 1200));
      if (issuedOn <= SEED_HORIZON) {
        batch.certifications.push({
          id: stableId('StartupCertification', `synthetic:${i}:ht`),
          startupId,
          kind: 'HIGH_TECH_ENTERPRISE',
          certificateNumber: `DEMO-CNC-${i}`,
          issuedOn,
          expiresOn: addDays(issuedOn, 5 * 365),
          synthetic: true,
          provenance: provenance('certification', seed, i),
        });
      }
    }
    // A company founded beside its project may join an intake itself.
    if (!grewIntoStartup && rng.chance(0.3)) {
      const own = nextCohort(hubFor(rng, sectors), addDays(foundedOn, 30));
      if (own) {
        const finished = own.endsOn! <= SEED_HORIZON;
        batch.participations.push({
          id: stableId('CohortParticipation', `synthetic:${i}:startup`),
          cohortId: own.id,
          startupId,
          projectId: null,
          joinedOn: own.startsOn,
          leftOn: finished ? own.endsOn : null,
          outcome: finished ? (rng.chance(0.85) ? 'GRADUATED' : 'WITHDREW') : 'IN_PROGRESS',
          synthetic: true,
          provenance: provenance('cohort participation', seed, i),
        });
      }
    }
  }

  // A project that did not become a company may stop.
  if (!grewIntoStartup && rng.chance(0.35)) {
    const on = addDays(last(), rng.int(90, 500));
    if (on <= SEED_HORIZON) {
      stoppedOn = on;
      transitions.push({ stage: 'STOPPED', on, note: 'The team stopped the project.' });
    }
  }

  if (cohort) {
    const ended = cohort.endsOn!;
    const outcome: ParticipationRow['outcome'] =
      stoppedOn && stoppedOn <= ended
        ? 'WITHDREW'
        : ended > SEED_HORIZON
          ? 'IN_PROGRESS'
          : grewIntoStartup && firstRoundOn
            ? 'FUNDED'
            : grewIntoStartup
              ? 'INCORPORATED'
              : 'GRADUATED';
    batch.participations.push({
      id: stableId('CohortParticipation', `synthetic:${i}:project`),
      cohortId: cohort.id,
      startupId: null,
      projectId,
      joinedOn: cohort.startsOn,
      leftOn: outcome === 'WITHDREW' ? stoppedOn! : outcome === 'IN_PROGRESS' ? null : ended,
      outcome,
      synthetic: true,
      provenance: provenance('cohort participation', seed, i),
    });
  }

  // Support from the city's programme (2021-2025), while the project was alive.
  const supportFrom = maxDate(startedOn, PROGRAMME_START);
  if (rng.chance(0.75) && supportFrom <= SEED_HORIZON) {
    const count = rng.chance(0.25) ? 2 : 1;
    const first = rng.int(0, 1);
    for (let k = 0; k < count; k++) {
      const supportStart = minDate(addDays(supportFrom, rng.int(0, 300)), SEED_HORIZON);
      if (stoppedOn && supportStart > stoppedOn) break;
      const ends = addDays(supportStart, 180);
      batch.supports.push({
        id: stableId('StartupProjectSupport', `synthetic:${i}:${k}`),
        projectId,
        programmeId: SUPPORTING_PROGRAMMES[(first + k) % 2]!,
        kind: cohort && k === 0 ? 'INCUBATION' : rng.pick(['GRANT', 'TRAINING', 'MENTORING', 'TECHNOLOGY_TRANSFER'] as const),
        startedOn: supportStart,
        endedOn: ends <= SEED_HORIZON ? ends : null,
        synthetic: true,
        provenance: provenance('programme support', seed, i),
      });
    }
  }

  const titleVi = `${topic[0]} (dự án mô phỏng ${i})`;
  const titleEn = `${topic[1]} (demo project ${i})`;
  batch.projects.push({
    id: projectId,
    titleVi,
    titleEn,
    summary: `Invented project for the demo: ${topic[1].toLowerCase()}.`,
    team,
    sectors,
    district,
    stage: transitions.at(-1)!.stage,
    startedOn,
    searchText: projectSearchText({ titleVi, titleEn, team }),
    synthetic: true,
    provenance: provenance('startup project', seed, i),
  });
  transitions.forEach((transition, k) =>
    batch.transitions.push({
      id: stableId('StartupProjectTransition', `synthetic:${i}:${k}`),
      projectId,
      stage: transition.stage,
      occurredOn: transition.on,
      note: transition.note,
      synthetic: true,
    }),
  );
}

export function emptyBatch(): SyntheticBatch {
  return { projects: [], transitions: [], supports: [], startups: [], certifications: [], participations: [], rounds: [] };
}

/** Units `from` (included) to `to` (excluded); `withStartup(i)` says which units have a company. */
export function generateUnits(seed: number, from: number, to: number, withStartup: (i: number) => boolean): SyntheticBatch {
  const batch = emptyBatch();
  for (let i = from; i < to; i++) generateUnit(seed, i, withStartup(i), batch);
  return batch;
}
