import { stableId } from '../../kernel/platform/ids';
import { syntheticProvenance } from '../../kernel/reference/provenance';
import { createRandom, type Random } from '../../kernel/platform/random';
import { organizationId, programmeId, syntheticId, type OrganizationKey } from '../../kernel/reference/seed-refs';
import { foldForSearch } from '../../kernel/platform/text';
import { expertDerivedColumns } from '../derived';
import type * as schema from '../db/schema';
import { orcidFromBase } from '../validation';
import { areaId } from './areas';
import { FOS_2007 } from './fos2007';
import { NETWORK_CODES, networkId } from './networks';
import { PRIORITY_AREAS } from './priority-areas';

/**
 * Deterministic demo experts. Expert `i` depends only on `i` (its own seeded random), so the
 * default seed (0..499) and the benchmark generator (0..N-1) agree on every shared index.
 *
 * Never real people: names are random combinations of common Vietnamese name parts, checked
 * against the people the seeds name and well-known scientists; biographies say "synthetic";
 * emails use the reserved `example.invalid` domain; phones the non-dialable `+84 000` range;
 * ORCID iDs (40 %) sit in the block `0000-0000-00xx-xxxx`, below every block ORCID
 * allocates (0000-0001-5000-0007 upward and 0009-), with a valid check character.
 */

const FAMILY_NAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Dương',
  'Lý',
  'Đinh',
  'Mai',
  'Trịnh',
  'Lương',
  'Tạ',
  'Cao',
  'Kiều',
  'Quách',
  'Lâm',
];
const MIDDLE_NAMES = [
  'Văn',
  'Thị',
  'Đức',
  'Minh',
  'Thanh',
  'Hữu',
  'Quang',
  'Ngọc',
  'Thu',
  'Hoài',
  'Bảo',
  'Gia',
  'Khánh',
  'Diệu',
  'Xuân',
  'Kim',
  'Tuệ',
  'Phương',
];
const GIVEN_NAMES = [
  'An',
  'Bình',
  'Châu',
  'Dung',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hiền',
  'Hòa',
  'Khang',
  'Khoa',
  'Lan',
  'Linh',
  'Long',
  'My',
  'Nam',
  'Nga',
  'Nhi',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Trí',
  'Tú',
  'Uyên',
  'Vy',
  'Yến',
  'Đạt',
  'Duy',
  'Hưng',
  'Kiên',
  'Ngân',
  'Oanh',
  'Quyên',
  'Thư',
  'Vinh',
  'Xuyến',
];

/** Full names a synthetic expert must never get: people the seeds name, and famous scientists. */
const RESERVED_NAMES = new Set(
  [
    'Vương Đình Huệ',
    'Chu Ngọc Anh',
    'Nguyễn Đức Chung',
    'Ngô Văn Quý',
    'Hoàng Phúc',
    'Nguyễn Duy Ngọc',
    'Nguyễn Chí Dũng',
    'Phạm Gia Túc',
    'Trần Sỹ Thanh',
    'Nguyễn Trọng Đông',
    'Tô Lâm',
    'Đình Hiệp',
    'Nguyễn Văn Phong',
    'Ngô Bảo Châu',
    'Đàm Thanh Sơn',
    'Vũ Hà Văn',
    'Trần Đại Nghĩa',
    'Tôn Thất Tùng',
    'Hoàng Tụy',
    'Lê Văn Thiêm',
    'Nguyễn Văn Hiệu',
    'Đặng Văn Ngữ',
    'Lương Định Của',
    'Hồ Đắc Di',
    'Nguyễn Văn Đạo',
    'Phan Đình Diệu',
  ].map(foldForSearch),
);

const OVERSEAS_COUNTRIES = [
  { code: 'US', language: null, city: 'Boston' },
  { code: 'JP', language: 'ja', city: 'Tsukuba' },
  { code: 'KR', language: 'ko', city: 'Daejeon' },
  { code: 'FR', language: 'fr', city: 'Grenoble' },
  { code: 'DE', language: 'de', city: 'Aachen' },
  { code: 'AU', language: null, city: 'Melbourne' },
  { code: 'GB', language: null, city: 'Cambridge' },
  { code: 'SG', language: null, city: 'Singapore' },
  { code: 'CA', language: 'fr', city: 'Montréal' },
  { code: 'TW', language: 'zh', city: 'Hsinchu' },
  { code: 'NL', language: 'nl', city: 'Delft' },
  { code: 'SE', language: 'sv', city: 'Lund' },
] as const;
const EXTRA_LANGUAGES = ['fr', 'ja', 'ru', 'de', 'ko', 'zh'];

/** Organisations of the graph a domestic expert may advise (seed keys of the programmes subgraph). */
const AFFILIATION_ORGANIZATIONS: OrganizationKey[] = [
  'so-khcn-ha-noi',
  'bo-khcn',
  'so-tttt-ha-noi',
  'so-nnptnt-ha-noi',
  'so-khdt-ha-noi',
  'trung-tam-phvhcc-ha-noi',
];
const ROLES = [
  ['Nghiên cứu viên', 'Researcher'],
  ['Giảng viên', 'Lecturer'],
  ['Trưởng phòng thí nghiệm', 'Head of laboratory'],
  ['Chuyên gia tư vấn', 'Consultant'],
  ['Giám đốc kỹ thuật', 'Chief technology officer'],
] as const;

/** Keywords per priority area, Vietnamese and English as experts write them. */
const KEYWORDS: Record<string, string[]> = {
  'PA-AI': ['trí tuệ nhân tạo', 'học máy', 'học sâu', 'thị giác máy tính', 'xử lý ngôn ngữ tự nhiên', 'machine learning'],
  'PA-BIO': ['công nghệ sinh học', 'di truyền học', 'vi sinh vật', 'genomics', 'vắc-xin'],
  'PA-MAT': ['vật liệu mới', 'vật liệu nano', 'polyme', 'graphene', 'luyện kim'],
  'PA-IT': ['phần mềm', 'điện toán đám mây', 'an toàn thông tin', 'software engineering'],
  'PA-DX': ['chuyển đổi số', 'chính quyền số', 'dịch vụ công trực tuyến', 'e-government'],
  'PA-DIGECON': ['kinh tế số', 'thương mại điện tử', 'fintech'],
  'PA-DATA': ['dữ liệu mở', 'cơ sở dữ liệu', 'khoa học dữ liệu', 'open data', 'dữ liệu lớn'],
  'PA-SMART': ['đô thị thông minh', 'IoT', 'giao thông thông minh', 'trung tâm điều hành thông minh'],
  'PA-AGRI': ['nông nghiệp công nghệ cao', 'thủy canh', 'giống cây trồng', 'nông nghiệp chính xác'],
  'PA-IND': ['tự động hóa', 'điện tử viễn thông', 'robot công nghiệp'],
  'PA-SUPPORT-IND': ['công nghiệp hỗ trợ', 'cơ khí chính xác'],
  'PA-HITECH-PARK': ['khu công nghệ cao', 'vườn ươm công nghệ'],
  'PA-CREATIVE': ['thiết kế sáng tạo', 'làng nghề', 'công nghiệp văn hóa'],
  'PA-URBAN': ['quản lý đô thị', 'quy hoạch đô thị', 'chính sách công'],
  'PA-TRANSPORT': ['đường sắt đô thị', 'TOD', 'giao thông công cộng'],
  'PA-STARTUP': ['khởi nghiệp', 'đổi mới sáng tạo', 'chuyển giao công nghệ', 'đầu tư mạo hiểm'],
  'PA-SEMI': ['bán dẫn', 'vi mạch', 'thiết kế chip'],
  'PA-ENV': ['môi trường', 'năng lượng tái tạo', 'kinh tế tuần hoàn'],
};

const LEVEL_ONE_FOS = FOS_2007.filter((field) => field.parent === null).map((field) => field.code);
const LEVEL_TWO_FOS = FOS_2007.filter((field) => field.parent !== null).map((field) => field.code);

export interface SyntheticExpert {
  expert: typeof schema.experts.$inferInsert;
  contact: typeof schema.expertContacts.$inferInsert;
  areas: Array<typeof schema.expertAreas.$inferInsert>;
  affiliations: Array<typeof schema.affiliations.$inferInsert>;
  memberships: Array<typeof schema.memberships.$inferInsert>;
  engagements: Array<typeof schema.engagements.$inferInsert>;
}

function syntheticName(random: Random): string {
  for (;;) {
    const name = `${random.pick(FAMILY_NAMES)} ${random.pick(MIDDLE_NAMES)} ${random.pick(GIVEN_NAMES)}`;
    if (!RESERVED_NAMES.has(foldForSearch(name))) return name;
  }
}

function pickAreas(random: Random): { codes: string[]; priority: string[] } {
  const priority = random.sample(
    PRIORITY_AREAS.map((area) => area.code),
    random.int(1, 2),
  );
  const fos = new Set<string>();
  for (const code of priority) {
    const related = PRIORITY_AREAS.find((area) => area.code === code)!.fos;
    if (related.length) fos.add(random.pick(related));
  }
  if (random.chance(0.3)) fos.add(random.pick(LEVEL_TWO_FOS));
  if (random.chance(0.1)) fos.add(random.pick(LEVEL_ONE_FOS));
  if (!fos.size) fos.add(random.pick(LEVEL_TWO_FOS));
  // FOS first (the main field), then the programme's priority areas.
  return { codes: [...fos, ...priority], priority };
}

export function generateExpert(index: number): SyntheticExpert {
  const random = createRandom(`experts:synthetic:${index}`);
  const id = syntheticId('Expert', index);
  const fullName = syntheticName(random);
  const titleRoll = random.next();
  const academicTitle = titleRoll < 0.08 ? 'PROFESSOR' : titleRoll < 0.28 ? 'ASSOCIATE_PROFESSOR' : null;
  const degreeRoll = random.next();
  const degree = academicTitle ? (degreeRoll < 0.1 ? 'DOCTOR_OF_SCIENCE' : 'DOCTOR') : degreeRoll < 0.5 ? 'DOCTOR' : degreeRoll < 0.85 ? 'MASTER' : 'BACHELOR';
  const overseas = random.chance(0.25) ? random.pick(OVERSEAS_COUNTRIES) : null;
  const languages = new Set(['vi']);
  if (random.chance(0.9)) languages.add('en');
  if (overseas?.language) languages.add(overseas.language);
  else if (!overseas && random.chance(0.15)) languages.add(random.pick(EXTRA_LANGUAGES));

  const { codes, priority } = pickAreas(random);
  const keywords = [...new Set(priority.flatMap((code) => random.sample(KEYWORDS[code] ?? [], random.int(1, 3))))];
  const availabilityRoll = random.next();
  const availability = availabilityRoll < 0.45 ? 'AVAILABLE' : availabilityRoll < 0.8 ? 'LIMITED' : 'UNAVAILABLE';
  const willingToMentor = random.chance(0.6);
  const willingToReview = random.chance(0.7);
  const willingToAdvise = random.chance(0.6);
  const mainArea = PRIORITY_AREAS.find((area) => area.code === priority[0])!;
  const provenance = syntheticProvenance(
    `Synthetic demo expert no. ${index}, generated deterministically; not a real person. Contact details are fictitious (example.invalid, +84 000).`,
  );

  const affiliations: SyntheticExpert['affiliations'] = [];
  const [roleVi, roleEn] = random.pick(ROLES);
  const since = random.date('2005-01-01', '2023-12-31');
  if (overseas) {
    const n = random.int(1, 9);
    affiliations.push({
      id: stableId('Affiliation', `synthetic:${index}:0`),
      expertId: id,
      institutionVi: `Viện nghiên cứu mô phỏng ${overseas.city} số ${n}`,
      institutionEn: `Demo Research Institute ${overseas.city} No. ${n}`,
      country: overseas.code,
      roleVi,
      roleEn,
      startedOn: since,
      position: 0,
    });
  } else if (random.chance(0.3)) {
    affiliations.push({
      id: stableId('Affiliation', `synthetic:${index}:0`),
      expertId: id,
      organizationId: organizationId(random.pick(AFFILIATION_ORGANIZATIONS)),
      country: 'VN',
      roleVi: 'Chuyên gia tư vấn',
      roleEn: 'Consultant',
      startedOn: since,
      position: 0,
    });
  } else {
    const n = random.int(1, 30);
    affiliations.push({
      id: stableId('Affiliation', `synthetic:${index}:0`),
      expertId: id,
      institutionVi: `Viện nghiên cứu mô phỏng ${mainArea.nameVi.toLowerCase()} số ${n}`,
      institutionEn: `Demo Institute of ${mainArea.nameEn} No. ${n}`,
      country: 'VN',
      roleVi,
      roleEn,
      startedOn: since,
      position: 0,
    });
  }
  if (random.chance(0.3)) {
    const n = random.int(1, 30);
    affiliations.push({
      id: stableId('Affiliation', `synthetic:${index}:1`),
      expertId: id,
      institutionVi: `Trường đại học mô phỏng số ${n}`,
      institutionEn: `Demo University No. ${n}`,
      country: 'VN',
      roleVi: 'Giảng viên',
      roleEn: 'Lecturer',
      startedOn: random.date('1995-01-01', '2004-12-31'),
      endedOn: since,
      position: 1,
    });
  }

  const memberships: SyntheticExpert['memberships'] = [];
  const join = (code: string, chance: number, from: string, to: string) => {
    if (!random.chance(chance)) return;
    const roleRoll = random.next();
    memberships.push({
      id: stableId('Membership', `synthetic:${index}:${code}`),
      networkId: networkId(code),
      expertId: id,
      role: roleRoll < 0.03 ? 'COORDINATOR' : roleRoll < 0.05 ? 'SECRETARY' : 'MEMBER',
      since: random.date(from, to),
      synthetic: true,
      provenance,
    });
  };
  join(NETWORK_CODES.hanoiInitiative, 0.4, '2020-10-01', '2024-12-31');
  join(NETWORK_CODES.aiExperts, codes.includes('PA-AI') ? 0.5 : 0, '2025-05-22', '2025-12-31');
  join(NETWORK_CODES.programme07, 0.2, '2025-04-03', '2025-12-31');
  join(NETWORK_CODES.demoCouncilTasks, 0.05, '2022-03-01', '2025-12-31');
  join(NETWORK_CODES.demoCouncilStartups, 0.05, '2023-06-01', '2025-12-31');

  const engagements: SyntheticExpert['engagements'] = [];
  const engage = (
    role: 'REVIEWER' | 'COUNCIL_MEMBER' | 'ADVISER' | 'MENTOR',
    targetType: SyntheticExpert['engagements'][number]['targetType'],
    targetId: string,
  ) => {
    const startedOn = random.date('2021-01-01', '2025-06-30');
    const statusRoll = random.next();
    const status = statusRoll < 0.1 ? 'PROPOSED' : statusRoll < 0.55 ? 'ACTIVE' : statusRoll < 0.95 ? 'COMPLETED' : 'DECLINED';
    engagements.push({
      id: stableId('Engagement', `synthetic:${index}:${engagements.length}`),
      expertId: id,
      role,
      targetType,
      targetId,
      startedOn,
      endedOn: status === 'COMPLETED' ? random.date(startedOn, '2025-12-31') : null,
      status,
      synthetic: true,
      provenance,
    });
  };
  // Targets are the other subgraphs' default synthetic records (ids by index, see seed-refs).
  if (willingToReview) engage('REVIEWER', 'ResearchProject', syntheticId('ResearchProject', index % 200));
  if (willingToReview && random.chance(0.2)) engage('COUNCIL_MEMBER', 'ResearchProject', syntheticId('ResearchProject', (index * 7 + 3) % 200));
  if (willingToAdvise && random.chance(0.3)) engage('ADVISER', 'Task', syntheticId('Task', index % 60));
  if (willingToAdvise && index % 50 === 0) engage('ADVISER', 'Programme', programmeId('07-CTr/TU'));
  if (willingToMentor && random.chance(0.5)) {
    if (random.chance(0.5)) engage('MENTOR', 'Startup', syntheticId('Startup', index % 300));
    else engage('MENTOR', 'StartupProject', syntheticId('StartupProject', index % 400));
  }

  const countryOfResidence = overseas?.code ?? 'VN';
  return {
    expert: {
      id,
      fullName,
      academicTitle,
      degree,
      countryOfResidence,
      keywords,
      ...expertDerivedColumns({ fullName, keywords, countryOfResidence }),
      languages: [...languages],
      orcid: random.chance(0.4) && index < 100_000 ? orcidFromBase(`0000000000${String(index).padStart(5, '0')}`) : null,
      biographyVi: `Chuyên gia mô phỏng về ${mainArea.nameVi.toLowerCase()} (dữ liệu minh họa do máy sinh, không phải người thật).`,
      biographyEn: `Synthetic demo expert in ${mainArea.nameEn.toLowerCase()} (generated data, not a real person).`,
      availability,
      willingToMentor,
      willingToReview,
      willingToAdvise,
      synthetic: true,
      provenance,
    },
    contact: {
      expertId: id,
      email: `expert.${index}@example.invalid`,
      phone: `+84 000 ${String(index).padStart(6, '0')}`,
    },
    areas: codes.map((code, position) => ({ expertId: id, areaId: areaId(code), position })),
    affiliations,
    memberships,
    engagements,
  };
}
