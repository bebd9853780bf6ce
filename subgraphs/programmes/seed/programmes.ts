import type { IndicatorCode, OrganizationKey, ProgrammeKey } from '../../kernel/reference/seed-refs';
import type { Citation } from '../../kernel/reference/sources';
import type { ReportedProgrammeCounts } from '../db/schema';
import type { IndicatorModel, ProgrammeModel, TargetModel } from '../models';

/**
 * The real programmes, plans and documents of the seed articles, their indicators and targets,
 * and what sources reported about their progress. Quotes are exact seed text (see
 * research/facts.md); what the seeds leave open stays null and is said in a note.
 */

export interface ProgrammeSeed {
  key: ProgrammeKey;
  code: string;
  codeAliases?: string[];
  kind: ProgrammeModel['kind'];
  titleVi: string;
  titleEn: string;
  issuer: OrganizationKey | null;
  level: ProgrammeModel['level'];
  periodStartYear: number | null;
  periodEndYear: number | null;
  termVi?: string;
  status: ProgrammeModel['status'];
  reportedCounts?: ReportedProgrammeCounts;
  seed: string;
  note: string;
  /** The line of `seed` that names it, the words there, other seeds that do, and what the record infers. */
  cite: Citation;
}

export const PROGRAMMES: ProgrammeSeed[] = [
  {
    key: '07-CTr/TU',
    code: '07-CTr/TU',
    kind: 'PROGRAMME',
    titleVi: 'Đẩy mạnh phát triển khoa học, công nghệ và đổi mới sáng tạo trên địa bàn TP Hà Nội giai đoạn 2021 - 2025',
    titleEn: 'Promoting the development of science, technology and innovation in Hanoi, 2021-2025',
    issuer: 'thanh-uy-ha-noi',
    level: 'CITY',
    periodStartYear: 2021,
    periodEndYear: 2025,
    termVi: 'khóa XVII, nhiệm kỳ 2020 - 2025',
    status: 'CONCLUDED',
    reportedCounts: {
      indicators: 7,
      tasks: 32,
      taskGroups: 6,
      note: 'Seed 004: «Chương trình số 07-CTr/TU với 7 chỉ tiêu, phân công thực hiện 32 nhiệm vụ, đề án, chương trình, kế hoạch để cụ thể hóa 6 nhóm nhiệm vụ, giải pháp trọng tâm». The seeds name 5 of the 7 indicators and none of the groups or tasks.',
    },
    seed: '002',
    cite: { line: 7, quote: 'Đẩy mạnh phát triển khoa học, công nghệ và đổi mới sáng tạo trên địa bàn TP Hà Nội giai đoạn 2021 - 2025', alsoIn: ['004'] },
    note: 'Title and term from seed 002 (plan 185/KH-UBND); the summary conference of 3 April 2025 (seed 004) concluded it. One of 10 working programmes of the 17th-term City Party Committee, the first on S&T (seed 004).',
  },
  {
    key: '185/KH-UBND',
    code: '185/KH-UBND',
    kind: 'PLAN',
    titleVi: 'Kế hoạch triển khai thực hiện Chương trình số 07-CTr/TU của Thành ủy Hà Nội khóa XVII',
    titleEn: 'Plan implementing Programme 07-CTr/TU of the 17th-term Hanoi Party Committee',
    issuer: 'ubnd-ha-noi',
    level: 'CITY',
    // The plan's own period is not stated (it implements the 2021-2025 programme): left empty.
    periodStartYear: null,
    periodEndYear: null,
    status: 'UNKNOWN',
    seed: '002',
    note: "Seed 002: «UBND TP Hà Nội vừa ban hành Kế hoạch số 185/KH-UBND về triển khai thực hiện Chương trình số 07-CTr/TU». It details the programme's targets and assigns each indicator to a department. The seed gives neither its issue date nor its own period; no source reports the plan closed.",
    cite: { line: 7, quote: 'UBND TP Hà Nội vừa ban hành Kế hoạch số 185/KH-UBND về triển khai thực hiện Chương trình số 07-CTr/TU' },
  },
  {
    key: '57-NQ/TW',
    code: '57-NQ/TW',
    codeAliases: ['57-NQ/TƯ'],
    kind: 'RESOLUTION',
    titleVi: 'Nghị quyết số 57-NQ/TW của Bộ Chính trị',
    titleEn: 'Resolution 57-NQ/TW of the Politburo',
    issuer: 'bo-chinh-tri',
    level: 'NATIONAL',
    periodStartYear: null,
    periodEndYear: null,
    status: 'ACTIVE',
    seed: '001',
    note: 'Seed 001: «nhanh chóng đưa Nghị quyết số 57-NQ/TƯ của Bộ Chính trị vào cuộc sống». Its subject (breakthroughs in S&T, innovation and national digital transformation) and date (22 Dec 2024) are background knowledge, not stated in the seeds.',
    cite: { line: 51, quote: 'Nghị quyết số 57-NQ/TƯ của Bộ Chính trị', alsoIn: ['004'] },
  },
  {
    key: '204-QD/TW',
    code: '204-QĐ/TW',
    codeAliases: ['204-QĐ/TƯ', '204-QD/TW'],
    kind: 'DECISION',
    titleVi: 'Quyết định số 204-QĐ/TW',
    titleEn: 'Decision 204-QĐ/TW',
    issuer: null,
    level: 'NATIONAL',
    periodStartYear: null,
    periodEndYear: null,
    status: 'UNKNOWN',
    seed: '004',
    note: 'Seed 004 cites it beside 57-NQ/TƯ: «trong triển khai thực hiện Nghị quyết số 57-NQ/TƯ và Quyết định số 204-QĐ/TƯ». The seed does not name its issuer or subject.',
    cite: { line: 26, quote: 'Nghị quyết số 57-NQ/TƯ và Quyết định số 204-QĐ/TƯ' },
  },
  {
    key: 'chien-luoc-2030',
    code: 'CL-KHCN-HN-2030',
    kind: 'STRATEGY',
    titleVi: 'Chiến lược phát triển khoa học, công nghệ và đổi mới sáng tạo đến năm 2030 của thành phố Hà Nội',
    titleEn: 'Hanoi science, technology and innovation development strategy to 2030',
    issuer: null,
    level: 'CITY',
    periodStartYear: null,
    periodEndYear: 2030,
    status: 'PLANNED',
    seed: '000',
    note: 'Seed 000 (14 July 2020): Hanoi asks the Ministry to help «xây dựng và triển khai Chiến lược phát triển khoa học, công nghệ và đổi mới sáng tạo đến năm 2030 của thành phố, đồng bộ với Chiến lược … quốc gia». Still to be drafted then; the seeds do not say who adopted it or when. Code assigned here (it has no official number in the sources).',
    cite: {
      line: 67,
      quote: 'hỗ trợ thành phố xây dựng và triển khai Chiến lược phát triển khoa học, công nghệ và đổi mới sáng tạo đến năm 2030 của thành phố',
      alsoIn: ['003'],
    },
  },
  {
    key: 'muc-tieu-khcn-2025',
    code: 'MT-KHCN-HN-2025',
    kind: 'OBJECTIVES',
    titleVi: 'Mục tiêu phát triển khoa học, công nghệ của thành phố Hà Nội đến năm 2025 (buổi làm việc ngày 14/7/2020)',
    titleEn: "Hanoi's science and technology objectives for 2025 (working session of 14 July 2020)",
    issuer: 'thanh-uy-ha-noi',
    level: 'CITY',
    periodStartYear: 2020,
    periodEndYear: 2025,
    status: 'UNKNOWN',
    reportedCounts: { indicators: 10, note: 'Seed 000 mentions «10 mục tiêu cụ thể» and lists only three with figures.' },
    seed: '000',
    note: 'Objectives set out at the working session of the Party Secretary with the Ministry of Science and Technology on 14 July 2020 for the 17th Congress political report; draft objectives, not a numbered document. Code assigned here. The seeds do not say whether they were adopted as written.',
    cite: {
      line: 58,
      quote: 'Nhấn mạnh 10 mục tiêu cụ thể hóa nhiệm vụ trên',
      inferred: [
        'the year 2020 of the working session (seed 000 gives no date; seed 003 dates it «14/7» without a year)',
        'issuer: the Party Secretary set the objectives out; the seed does not say the Party Committee adopted them',
      ],
    },
  },
];

export interface ProgrammeLinkSeed {
  from: ProgrammeKey;
  to: ProgrammeKey;
  kind: 'IMPLEMENTS' | 'BASED_ON' | 'CITED_TOGETHER';
  seed: string;
  note: string;
}

export const PROGRAMME_LINKS: ProgrammeLinkSeed[] = [
  {
    from: '185/KH-UBND',
    to: '07-CTr/TU',
    kind: 'IMPLEMENTS',
    seed: '002',
    note: '«Kế hoạch số 185/KH-UBND về triển khai thực hiện Chương trình số 07-CTr/TU»',
  },
  { from: '57-NQ/TW', to: '204-QD/TW', kind: 'CITED_TOGETHER', seed: '004', note: '«Nghị quyết số 57-NQ/TƯ và Quyết định số 204-QĐ/TƯ»' },
  {
    from: '07-CTr/TU',
    to: '57-NQ/TW',
    kind: 'CITED_TOGETHER',
    seed: '004',
    note: 'At the summary conference of 07-CTr/TU the units were asked to implement 57-NQ/TƯ next. 07-CTr/TU (2021) predates 57-NQ/TW, so it does not rest on it.',
  },
  { from: 'muc-tieu-khcn-2025', to: 'chien-luoc-2030', kind: 'CITED_TOGETHER', seed: '000', note: 'Both set out at the working session of 14 July 2020.' },
];

export interface IndicatorSeed {
  code: IndicatorCode;
  programme: ProgrammeKey;
  ordinal: number;
  nameVi: string;
  nameEn: string;
  unit: string;
  direction: IndicatorModel['direction'];
  aggregation: IndicatorModel['aggregation'];
  responsible: OrganizationKey | null;
  responsibilityAssignedBy: ProgrammeKey | null;
  noteVi?: string;
  noteEn?: string;
  seed: string;
  /** The line of `seed` that states the target (`target.statementVi` is verbatim from it). */
  line: number;
  target: {
    comparator: TargetModel['comparator'];
    value: number;
    valueMax?: number;
    periodStart: string | null;
    deadline: string | null;
    setBy: ProgrammeKey;
    statementVi: string;
    statementEn: string;
  };
}

/**
 * The programme sets the targets (its period 2021-2025); plan 185/KH-UBND only details them and
 * assigns the departments (`responsibilityAssignedBy`), seed 002 line 7.
 */
const CTR07_WINDOW = { periodStart: '2021-01-01', deadline: '2025-12-31', setBy: '07-CTr/TU' as const };

export const INDICATORS: IndicatorSeed[] = [
  {
    code: 'CTR07-TFP',
    programme: '07-CTr/TU',
    ordinal: 1,
    nameVi: 'Năng suất các nhân tố tổng hợp (TFP) đóng góp vào tăng trưởng GRDP',
    nameEn: 'Contribution of total factor productivity (TFP) to GRDP growth',
    unit: '%',
    direction: 'HIGHER_IS_BETTER',
    aggregation: 'PER_PERIOD',
    responsible: 'so-khdt-ha-noi',
    responsibilityAssignedBy: '185/KH-UBND',
    seed: '002',
    line: 7,
    target: {
      comparator: 'ABOVE',
      value: 50,
      ...CTR07_WINDOW,
      statementVi: 'Năng suất các nhân tố tổng hợp (TFP) đóng góp trên 50% vào tăng trưởng GRDP',
      statementEn: 'TFP contributes over 50 % of GRDP growth',
    },
  },
  {
    code: 'CTR07-LABOUR-PRODUCTIVITY',
    programme: '07-CTr/TU',
    ordinal: 2,
    nameVi: 'Tốc độ tăng năng suất lao động',
    nameEn: 'Labour productivity growth rate',
    unit: '%',
    direction: 'HIGHER_IS_BETTER',
    aggregation: 'PER_PERIOD',
    responsible: 'so-khdt-ha-noi',
    responsibilityAssignedBy: '185/KH-UBND',
    noteVi: 'Nguồn không nói tốc độ tính theo năm hay bình quân giai đoạn.',
    noteEn: 'The source does not say whether the rate is yearly or a period average.',
    seed: '002',
    line: 7,
    target: {
      comparator: 'BETWEEN',
      value: 7.0,
      valueMax: 7.59,
      ...CTR07_WINDOW,
      statementVi: 'tốc độ tăng năng suất lao động đạt từ 7,0% - 7,59%',
      statementEn: 'labour productivity growth of 7.0 %-7.59 %',
    },
  },
  {
    code: 'CTR07-HITECH-AGRICULTURE',
    programme: '07-CTr/TU',
    ordinal: 3,
    nameVi: 'Tỷ lệ sản phẩm nông nghiệp ứng dụng công nghệ cao trên tổng sản phẩm nông nghiệp',
    nameEn: 'Share of high-tech agricultural products in total agricultural output',
    unit: '%',
    direction: 'HIGHER_IS_BETTER',
    aggregation: 'PER_PERIOD',
    responsible: 'so-nnptnt-ha-noi',
    responsibilityAssignedBy: '185/KH-UBND',
    seed: '002',
    line: 7,
    target: {
      comparator: 'ABOVE',
      value: 70,
      ...CTR07_WINDOW,
      statementVi: 'tỷ lệ sản phẩm nông nghiệp ứng dụng công nghệ cao trên tổng sản phẩm nông nghiệp trên 70%',
      statementEn: 'high-tech agricultural products above 70 % of agricultural output',
    },
  },
  {
    code: 'CTR07-DIGITAL-ECONOMY',
    programme: '07-CTr/TU',
    ordinal: 4,
    nameVi: 'Tỷ trọng kinh tế số trong GRDP',
    nameEn: 'Digital economy share of GRDP',
    unit: '% GRDP',
    direction: 'HIGHER_IS_BETTER',
    aggregation: 'PER_PERIOD',
    responsible: 'so-tttt-ha-noi',
    responsibilityAssignedBy: '185/KH-UBND',
    seed: '002',
    line: 7,
    target: {
      comparator: 'ABOUT',
      value: 30,
      ...CTR07_WINDOW,
      statementVi: 'tỷ trọng kinh tế số chiếm khoảng 30% GRDP',
      statementEn: 'the digital economy at about 30 % of GRDP',
    },
  },
  {
    code: 'CTR07-INNOVATIVE-ENTERPRISES',
    programme: '07-CTr/TU',
    ordinal: 5,
    nameVi: 'Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo',
    nameEn: 'Share of enterprises with innovation activities',
    unit: '%',
    direction: 'HIGHER_IS_BETTER',
    aggregation: 'PER_PERIOD',
    responsible: 'so-khcn-ha-noi',
    responsibilityAssignedBy: '185/KH-UBND',
    noteVi: 'Nguồn không nêu tỷ lệ tính trên tổng số doanh nghiệp nào.',
    noteEn: 'The source does not say what population of enterprises the share is of.',
    seed: '002',
    line: 7,
    target: {
      comparator: 'ABOVE',
      value: 50,
      ...CTR07_WINDOW,
      statementVi: 'doanh nghiệp có hoạt động đổi mới sáng tạo đạt trên 50%',
      statementEn: 'over 50 % of enterprises with innovation activities',
    },
  },
  {
    code: 'HN2025-ENTERPRISE-ST-INVESTMENT',
    programme: 'muc-tieu-khcn-2025',
    ordinal: 1,
    nameVi: 'Đầu tư từ doanh nghiệp cho khoa học, công nghệ so với mức đầu tư từ ngân sách cho lĩnh vực này',
    nameEn: 'Enterprise investment in S&T relative to state-budget investment in S&T',
    unit: '% of budget S&T investment',
    direction: 'HIGHER_IS_BETTER',
    aggregation: 'PER_PERIOD',
    responsible: null,
    responsibilityAssignedBy: null,
    noteVi: 'Mục tiêu dự kiến; nguồn không giao đơn vị chủ trì.',
    noteEn: 'A projected objective; the source assigns no responsible unit.',
    seed: '000',
    line: 43,
    target: {
      comparator: 'ABOUT',
      value: 70,
      periodStart: null,
      deadline: '2025-12-31',
      setBy: 'muc-tieu-khcn-2025',
      statementVi: 'năm 2025, dự kiến đầu tư từ doanh nghiệp cho khoa học, công nghệ ở Hà Nội sẽ chiếm khoảng 70% mức đầu tư từ ngân sách cho lĩnh vực này',
      statementEn: 'in 2025, enterprise investment in S&T in Hanoi is expected to be about 70 % of state-budget investment in the field',
    },
  },
  {
    code: 'HN2025-ST-SPENDING',
    programme: 'muc-tieu-khcn-2025',
    ordinal: 2,
    nameVi: 'Đầu tư của thành phố cho khoa học, công nghệ so với GRDP',
    nameEn: 'City investment in S&T as a share of GRDP',
    unit: '% GRDP',
    direction: 'HIGHER_IS_BETTER',
    aggregation: 'PER_PERIOD',
    responsible: null,
    responsibilityAssignedBy: null,
    seed: '000',
    line: 43,
    target: {
      comparator: 'AT_LEAST',
      value: 1,
      periodStart: null,
      deadline: '2025-12-31',
      setBy: 'muc-tieu-khcn-2025',
      statementVi: 'Đầu tư của thành phố cho khoa học, công nghệ sẽ không thấp hơn 1% GRDP.',
      statementEn: 'City investment in S&T will be no less than 1 % of GRDP.',
    },
  },
  {
    code: 'HN2025-STARTUP-PROJECTS',
    programme: 'muc-tieu-khcn-2025',
    ordinal: 3,
    nameVi: 'Số dự án khởi nghiệp sáng tạo được hỗ trợ phát triển',
    nameEn: 'Innovative startup projects supported',
    unit: 'projects',
    direction: 'HIGHER_IS_BETTER',
    aggregation: 'CUMULATIVE',
    responsible: null,
    responsibilityAssignedBy: null,
    noteVi: 'Câu nguồn không nêu năm đạt 1.000 dự án; mục tiêu hệ sinh thái gắn với năm 2025. Đếm dự án, không đếm doanh nghiệp khởi nghiệp.',
    noteEn: 'The source sentence gives no year for the 1,000 projects (the ecosystem goal beside it is for 2025). Counts projects, not incorporated startups.',
    seed: '000',
    line: 60,
    target: {
      comparator: 'AT_LEAST',
      value: 1000,
      periodStart: null,
      deadline: null,
      setBy: 'muc-tieu-khcn-2025',
      statementVi: 'hỗ trợ phát triển 1.000 dự án khởi nghiệp sáng tạo',
      statementEn: 'support the development of 1,000 innovative startup projects',
    },
  },
];

/** Seed 004, 3 April 2025: what the summary conference said about the indicators. */
export const SUMMARY_CONFERENCE = {
  reportedOn: '2025-04-03',
  reportedBy: 'ban-chi-dao-ctr-07' as const,
  programme: '07-CTr/TU' as const,
  statementVi:
    'Đã có 4/7 chỉ tiêu của Chương trình đã hoàn thành. Các chỉ tiêu tốc độ tăng năng suất lao động; tỷ lệ sản phẩm nông nghiệp ứng dụng công nghệ cao trên tổng sản phẩm nông nghiệp; tỷ trọng kinh tế số tuy có khả năng không hoàn thành nhưng do yếu tố khách quan và cũng đều đạt mức cao so với bình quân của cả nước.',
  statementEn:
    '4 of the 7 indicators of the Programme have been achieved. Labour productivity growth, the share of high-tech agricultural products in agricultural output and the digital-economy share, though likely not to be achieved, owing to objective factors, are all high compared with the national average.',
  /** The line of seed 004 that holds `statementVi`. */
  line: 11,
  /** Named as likely not achieved («tuy có khả năng không hoàn thành»): a projection, not a final result. */
  likelyNotAchieved: ['CTR07-LABOUR-PRODUCTIVITY', 'CTR07-HITECH-AGRICULTURE', 'CTR07-DIGITAL-ECONOMY'] as IndicatorCode[],
  /**
   * Achieved by deduction: 4 of the 7 are achieved and the other 3 are named as likely not, so
   * the two named indicators outside those 3 are among the 4. The seed does not name them.
   */
  achievedByDeduction: ['CTR07-TFP', 'CTR07-INNOVATIVE-ENTERPRISES'] as IndicatorCode[],
};
