import type { OrganizationKey, ProgrammeKey } from '../../kernel/reference/seed-refs';
import type { Citation } from '../../kernel/reference/sources';

/** A dated meeting a source reports, with what it decided; `cite` is the sentence that dates it. */
export interface MeetingSeed {
  key: string;
  heldOn: string;
  planned?: boolean;
  titleVi: string;
  titleEn: string;
  convenedBy: OrganizationKey;
  sequence?: { vi: string; en: string };
  decisions: Array<{ vi: string; en: string }>;
  seed: string;
  cite: Citation;
}

const YEAR_2020 = 'the year 2020: the seeds give «14/7» without a year (the 17th Congress, term 2020-2025, was being prepared)';
const YEAR_2025 = 'the year 2025: the seed gives the day and month only (it speaks of the 2025 plan)';

export const MEETINGS: MeetingSeed[] = [
  {
    key: '2020-07-14-thanh-uy-bo-khcn',
    heldOn: '2020-07-14',
    titleVi: 'Buổi làm việc của Bí thư Thành ủy Hà Nội với Ban cán sự Đảng Bộ Khoa học và Công nghệ',
    titleEn: 'Working session of the Hanoi Party Secretary with the Party Committee of the Ministry of Science and Technology',
    convenedBy: 'thanh-uy-ha-noi',
    sequence: {
      vi: 'Cuộc làm việc chính thức thứ năm trong vòng gần 4 tháng giữa Bí thư Thành ủy Hà Nội và Ban Cán sự Đảng các Bộ',
      en: 'The fifth official session in nearly four months between the Hanoi Party Secretary and ministries’ Party committees',
    },
    decisions: [
      { vi: 'Hà Nội nêu 8 kiến nghị với Bộ Khoa học và Công nghệ', en: 'Hanoi put 8 recommendations to the Ministry of Science and Technology' },
      {
        vi: 'Các bộ, ngành nhất trí với mục tiêu chung và 10 mục tiêu cụ thể',
        en: 'The ministries agreed with the general objective and the 10 specific objectives',
      },
      { vi: 'Xác định 6 lĩnh vực tập trung hợp tác giữa thành phố và Bộ', en: 'Six areas of cooperation between the city and the Ministry set' },
      {
        vi: 'Ký Thông báo chung về Kết luận và Biên bản ghi nhớ hợp tác giữa Bộ Khoa học và Công nghệ và UBND thành phố',
        en: 'A joint notice of the conclusions and a memorandum of understanding between the Ministry and the City People’s Committee signed',
      },
    ],
    seed: '003',
    cite: { line: 3, quote: 'Đây là cuộc làm việc chính thức thứ năm trong vòng gần 4 tháng qua', alsoIn: ['000'], inferred: [YEAR_2020] },
  },
  {
    key: '2025-03-04-ban-chi-dao-tw-phien-2',
    heldOn: '2025-03-04',
    titleVi: 'Phiên họp thứ hai của Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
    titleEn: 'Second session of the Central Steering Committee for Science, Technology, Innovation and Digital Transformation',
    convenedBy: 'ban-chi-dao-tw-khcn-dmst-cds',
    sequence: { vi: 'Phiên họp thứ hai', en: 'The second session' },
    decisions: [{ vi: 'Thống nhất lộ trình thực hiện các nhiệm vụ, kế hoạch năm 2025', en: 'Agreed the roadmap for the tasks and plans of 2025' }],
    seed: '001',
    cite: {
      line: 13,
      quote: 'Tại phiên họp thứ hai của Ban Chỉ đạo ngày 4-3 vừa qua, Ban Chỉ đạo đã thống nhất lộ trình thực hiện các nhiệm vụ, kế hoạch năm 2025',
      inferred: [YEAR_2025],
    },
  },
  {
    key: '2025-04-03-tong-ket-ctr-07',
    heldOn: '2025-04-03',
    titleVi: 'Hội nghị tổng kết Chương trình số 07-CTr/TU',
    titleEn: 'Summary conference of Programme 07-CTr/TU',
    convenedBy: 'ban-chi-dao-ctr-07',
    decisions: [
      { vi: '4/7 chỉ tiêu của Chương trình đã hoàn thành; 3 chỉ tiêu có khả năng không hoàn thành', en: '4 of the 7 indicators achieved; 3 likely not to be' },
      {
        vi: 'Các đơn vị số hóa toàn bộ số liệu, tài liệu trước khi các đơn vị hành chính mới đi vào hoạt động từ ngày 1/7, do Trung tâm Phục vụ hành chính công chủ trì',
        en: 'Units to digitise all records before the new administrative units start on 1 July, led by the Public Administration Service Centre',
      },
      {
        vi: 'Xây dựng mạng lưới các chuyên gia, nhà khoa học, tổ giúp việc trong và ngoài nước để triển khai Chương trình 07',
        en: 'Build a network of domestic and overseas experts, scientists and advisory groups for programme 07',
      },
    ],
    seed: '004',
    cite: { line: 2, quote: 'tại hội nghị tổng kết Chương trình, diễn ra sáng nay (3/4)', inferred: [YEAR_2025] },
  },
  {
    key: '2025-05-22-ban-chi-dao-tw-chuyen-de',
    heldOn: '2025-05-22',
    titleVi: 'Phiên họp chuyên đề của Ban Chỉ đạo Trung ương với Tổ giúp việc và các cơ quan, đơn vị liên quan',
    titleEn: 'Thematic session of the Central Steering Committee with its Support Group and the units concerned',
    convenedBy: 'ban-chi-dao-tw-khcn-dmst-cds',
    decisions: [
      { vi: 'Làm rõ 5 nhóm nội dung, trong đó kiểm điểm 44 nhiệm vụ còn chậm muộn', en: 'Clarify 5 content groups, including the review of the 44 late tasks' },
      { vi: 'Hoàn thiện báo cáo về 5 nhóm nội dung trước ngày 28-5', en: 'Complete the reports on the 5 content groups before 28 May' },
      {
        vi: 'Bộ Khoa học và Công nghệ rà soát lại các luật liên quan, báo cáo trước ngày 28-5',
        en: 'The Ministry of Science and Technology to review the laws concerned and report before 28 May',
      },
    ],
    seed: '001',
    cite: {
      line: 3,
      quote:
        'Chiều 22-5, Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số (Ban Chỉ đạo) tổ chức phiên họp chuyên đề',
      inferred: [YEAR_2025],
    },
  },
  {
    key: '2025-05-28-thuong-truc-ban-chi-dao-tw',
    heldOn: '2025-05-28',
    planned: true,
    titleVi: 'Cuộc họp của Tổng Bí thư, Trưởng ban Chỉ đạo với Thường trực Ban Chỉ đạo',
    titleEn: 'Meeting of the General Secretary, head of the Steering Committee, with its standing members',
    convenedBy: 'ban-chi-dao-tw-khcn-dmst-cds',
    decisions: [],
    seed: '001',
    cite: {
      line: 13,
      quote: 'sáng 28-5 tới, Tổng Bí thư Tô Lâm, Trưởng ban Chỉ đạo sẽ chủ trì cuộc họp với Thường trực Ban Chỉ đạo',
      inferred: [YEAR_2025, 'announced on 22 May; no source reports that it took place or what it decided'],
    },
  },
];

/** Where Hanoi stands or aims to stand in a ranking; `cite` is the sentence that states it. */
export interface StandingSeed {
  key: string;
  kind: 'REPORTED' | 'TARGET';
  subjectVi: string;
  subjectEn: string;
  scope: 'NATIONAL' | 'ASEAN' | 'ASIA';
  position: 'FIRST' | 'LEADING_GROUP';
  year: number | null;
  note?: { vi: string; en: string };
  setBy?: ProgrammeKey;
  statementVi: string;
  statementEn: string;
  seed: string;
  cite: Citation;
}

const PII = { subjectVi: 'Bộ Chỉ số đổi mới sáng tạo cấp địa phương (PII)', subjectEn: 'Provincial Innovation Index (PII)' };
const PII_STATEMENT = {
  statementVi:
    'Hà Nội liên tục là địa phương đứng đầu cả nước trong xếp hạng Bộ Chỉ số đổi mới sáng tạo cấp địa phương (PII) năm 2022 (đánh giá thử nghiệm bộ chỉ số), năm 2023 và năm 2024 (đánh giá chính thức).',
  statementEn: 'Hanoi ranked first in the country in the Provincial Innovation Index (PII) in 2022 (pilot assessment), 2023 and 2024 (official assessments).',
  seed: '004',
  cite: { line: 10, quote: 'Hà Nội liên tục là địa phương đứng đầu cả nước trong xếp hạng Bộ Chỉ số đổi mới sáng tạo cấp địa phương (PII)' },
};
const LEADING_GROUP = {
  statementVi:
    'luôn đứng trong nhóm dẫn đầu về nhiều chỉ tiêu, chỉ số như: Số lượng công bố quốc tế; số lượng sáng chế đăng ký và được cấp; số lượng doanh nghiệp KHCN.',
  statementEn: 'always among the leading group on many indicators, such as international publications, patents filed and granted, and S&T enterprises.',
  seed: '004',
  cite: {
    line: 9,
    quote:
      'luôn đứng trong nhóm dẫn đầu về nhiều chỉ tiêu, chỉ số như: Số lượng công bố quốc tế; số lượng sáng chế đăng ký và được cấp; số lượng doanh nghiệp KHCN',
  },
};
const ECOSYSTEM = {
  subjectVi: 'Hệ sinh thái khởi nghiệp của thành phố',
  subjectEn: "The city's startup ecosystem",
  setBy: 'muc-tieu-khcn-2025' as const,
  statementVi:
    'hoàn thiện hệ sinh thái khởi nghiệp của thành phố dẫn đầu cả nước vào năm 2025, thuộc nhóm dẫn đầu khu vực ASEAN vào năm 2035 và thuộc nhóm dẫn đầu ở châu Á vào năm 2045',
  statementEn: "complete the city's startup ecosystem to lead the country by 2025, be in ASEAN's leading group by 2035 and in Asia's leading group by 2045",
  seed: '000',
  cite: {
    line: 60,
    quote:
      'hoàn thiện hệ sinh thái khởi nghiệp của thành phố dẫn đầu cả nước vào năm 2025, thuộc nhóm dẫn đầu khu vực ASEAN vào năm 2035 và thuộc nhóm dẫn đầu ở châu Á vào năm 2045',
  },
};

export const STANDINGS: StandingSeed[] = [
  {
    key: 'pii-2022',
    kind: 'REPORTED',
    ...PII,
    scope: 'NATIONAL',
    position: 'FIRST',
    year: 2022,
    note: { vi: 'đánh giá thử nghiệm bộ chỉ số', en: 'pilot assessment of the index' },
    ...PII_STATEMENT,
  },
  {
    key: 'pii-2023',
    kind: 'REPORTED',
    ...PII,
    scope: 'NATIONAL',
    position: 'FIRST',
    year: 2023,
    note: { vi: 'đánh giá chính thức', en: 'official assessment' },
    ...PII_STATEMENT,
  },
  {
    key: 'pii-2024',
    kind: 'REPORTED',
    ...PII,
    scope: 'NATIONAL',
    position: 'FIRST',
    year: 2024,
    note: { vi: 'đánh giá chính thức', en: 'official assessment' },
    ...PII_STATEMENT,
  },
  {
    key: 'cong-bo-quoc-te',
    kind: 'REPORTED',
    subjectVi: 'Số lượng công bố quốc tế',
    subjectEn: 'International publications',
    scope: 'NATIONAL',
    position: 'LEADING_GROUP',
    year: null,
    ...LEADING_GROUP,
  },
  {
    key: 'sang-che',
    kind: 'REPORTED',
    subjectVi: 'Số lượng sáng chế đăng ký và được cấp',
    subjectEn: 'Patents filed and granted',
    scope: 'NATIONAL',
    position: 'LEADING_GROUP',
    year: null,
    ...LEADING_GROUP,
  },
  {
    key: 'doanh-nghiep-khcn',
    kind: 'REPORTED',
    subjectVi: 'Số lượng doanh nghiệp KHCN',
    subjectEn: 'S&T enterprises',
    scope: 'NATIONAL',
    position: 'LEADING_GROUP',
    year: null,
    ...LEADING_GROUP,
  },
  { key: 'he-sinh-thai-2025', kind: 'TARGET', ...ECOSYSTEM, scope: 'NATIONAL', position: 'FIRST', year: 2025 },
  { key: 'he-sinh-thai-2035', kind: 'TARGET', ...ECOSYSTEM, scope: 'ASEAN', position: 'LEADING_GROUP', year: 2035 },
  { key: 'he-sinh-thai-2045', kind: 'TARGET', ...ECOSYSTEM, scope: 'ASIA', position: 'LEADING_GROUP', year: 2045 },
];
