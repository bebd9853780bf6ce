import type { OrganizationKey } from '../../kernel/reference/seed-refs';

/** Figures the seeds report only in aggregate: no individual records stand behind them. */

/** Seed 001, 22 May 2025: the central steering committee's follow-up of late tasks. */
export const STEERING_COMMITTEE_TASK_REPORT = {
  reportedOn: '2025-05-22',
  reportedBy: 'to-giup-viec-ban-chi-dao-tw' as OrganizationKey,
  lateOrAtRisk: 44,
  needingImmediateAnswer: 19,
  completedOrOnSchedule: 21,
  completedByUnit: [
    { organizations: ['van-phong-tw-dang'], labelVi: 'Văn phòng Trung ương Đảng', labelEn: 'Office of the Party Central Committee', count: 5 },
    { organizations: ['bo-khcn'], labelVi: 'Bộ Khoa học và Công nghệ', labelEn: 'Ministry of Science and Technology', count: 3 },
    { organizations: [], labelVi: 'các cơ quan đảng ở Trung ương', labelEn: 'central Party agencies', count: 3 },
    { organizations: ['bo-noi-vu'], labelVi: 'Bộ Nội vụ', labelEn: 'Ministry of Home Affairs', count: 2 },
    { organizations: ['bo-tai-chinh'], labelVi: 'Bộ Tài chính', labelEn: 'Ministry of Finance', count: 2 },
    { organizations: ['quan-uy-tw'], labelVi: 'Quân ủy Trung ương', labelEn: 'Central Military Commission', count: 1 },
    { organizations: ['ban-to-chuc-tw'], labelVi: 'Ban Tổ chức Trung ương', labelEn: 'Central Organisation Commission', count: 1 },
    {
      organizations: ['thanh-uy-ha-noi', 'thanh-uy-da-nang'],
      labelVi: 'Thành ủy Hà Nội và Thành ủy Đà Nẵng',
      labelEn: 'Hanoi and Da Nang Party Committees (jointly)',
      count: 1,
    },
    { organizations: ['to-giup-viec-ban-chi-dao-tw'], labelVi: 'Tổ giúp việc Ban Chỉ đạo', labelEn: 'Support Group of the Steering Committee', count: 1 },
    { organizations: ['bo-cong-an'], labelVi: 'Bộ Công an', labelEn: 'Ministry of Public Security', count: 1 },
    { organizations: ['ban-co-yeu-chinh-phu'], labelVi: 'Ban Cơ yếu Chính phủ', labelEn: 'Government Cipher Committee', count: 1 },
  ] satisfies Array<{ organizations: OrganizationKey[]; labelVi: string; labelEn: string; count: number }>,
  contentGroups: [
    // "3 Nhà" is the three actors, not "houses"; the seed does not name them (the usual reading is state, scientists, enterprises).
    { vi: 'Mô hình hợp tác “3 Nhà”', en: 'The "3 Nhà" (three actors) cooperation model: state, scientists and enterprises' },
    { vi: 'Khu công nghiệp công nghệ cao', en: 'Hi-tech industrial parks' },
    { vi: 'Xây dựng đô thị thông minh, thành phố thông minh', en: 'Building smart urban areas and smart cities' },
    {
      vi: 'Lựa chọn, thu hút 100 chuyên gia giỏi để tham gia những chương trình phát triển trí tuệ nhân tạo trọng điểm quốc gia',
      en: 'Selecting and attracting 100 excellent experts for key national AI programmes',
    },
    { vi: 'Kiểm điểm 44 nhiệm vụ còn chậm muộn', en: 'Review of the 44 late tasks' },
  ],
  statementVi:
    'đến nay, Tổ giúp việc Ban Chỉ đạo phải ký gửi 44 nhiệm vụ cho các đơn vị đang chậm, muộn và có nguy cơ khó hoàn thành theo tiến độ. Ngay trước phiên họp này, Tổ giúp việc đã tổng hợp báo cáo 19/44 đầu việc mà các đơn vị phải trả lời ngay … Hiện có 21/44 nhiệm vụ đã hoàn thành và thực hiện theo lộ trình',
  statementEn:
    'So far the Support Group has had to send 44 tasks to units that are late or at risk of missing their schedule; just before the session it compiled 19 of the 44 on which units had to answer at once. 21 of the 44 are completed or on schedule.',
  note: 'National tasks across ministries, not the tasks of 07-CTr/TU. The article lists 5 content groups (one later sentence says 6); the list supports 5.',
};

/** Seeds 003 (breakdown, funding) and 000 (12 boards), 14 July 2020, reported by Vice Chairman Ngô Văn Quý. */
export const RESEARCH_AGGREGATE_REPORT = {
  reportedOn: '2020-07-14',
  reportedBy: 'ubnd-ha-noi' as OrganizationKey,
  periodStartYear: 2016,
  periodEndYear: 2020,
  projectCount: 346,
  byCategory: [
    { category: 'NATURAL_SCIENCE_AND_TECHNOLOGY' as const, count: 212 },
    { category: 'SOCIAL_SCIENCES_AND_HUMANITIES' as const, count: 84 },
    { category: 'PILOT_PRODUCTION' as const, count: 50 },
  ],
  // 633.092 triệu đồng = 633,092 million VND.
  totalFundingVnd: 633_092_000_000,
  appliedShareAbove: 0.85,
  boardCount: 12,
  statementVi:
    'từ năm 2016 đến nay, đã có 346 nhiệm vụ khoa học và công nghệ cấp Thành phố được triển khai (trong đó 212 nhiệm vụ khoa học tự nhiên và công nghệ, 84 nhiệm vụ khoa học xã hội và nhân văn, 50 dự án sản xuất thử nghiệm) với tổng kinh phí là 633.092 triệu đồng; trên 85% kết quả nghiên cứu sau khi nghiệm thu được ứng dụng vào thực tiễn.',
  statementEn:
    'Since 2016, 346 city-level S&T tasks have been carried out (212 in natural science and technology, 84 in social sciences and humanities, 50 pilot production projects) with total funding of 633,092 million VND; over 85 % of research results, once accepted, have been applied in practice.',
  note: 'Breakdown and funding from seed 003; «Thành phố đã thành lập 12 Ban chủ nhiệm các Chương trình khoa học và công nghệ trong các lĩnh vực trọng yếu» from seed 000. The boards are not named.',
};
