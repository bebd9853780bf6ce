import { stableId } from '../../kernel/platform/ids';
import { syntheticProvenance } from '../../kernel/reference/provenance';
import { organizationId, programmeId } from '../../kernel/reference/seed-refs';
import { sourceProvenance } from '../../kernel/reference/sources';
import { searchText } from '../../kernel/platform/text';
import type * as schema from '../db/schema';

export const NETWORK_CODES = {
  hanoiInitiative: 'mang-luoi-sang-kien-ha-noi',
  aiExperts: 'chuong-trinh-100-chuyen-gia-ai',
  programme07: 'mang-luoi-chuyen-gia-ctr07',
  demoCouncilTasks: 'hoi-dong-tu-van-danh-gia-nhiem-vu-mo-phong',
  demoCouncilStartups: 'hoi-dong-tu-van-khoi-nghiep-mo-phong',
} as const;

export const networkId = (code: string): string => stableId('Network', code);

type NetworkRow = typeof schema.networks.$inferInsert;

function row(values: Omit<NetworkRow, 'id' | 'searchText'>): NetworkRow {
  return { ...values, id: networkId(values.code), searchText: searchText(values.nameVi, values.nameEn) };
}

/** The three real networks the seeds name, and two synthetic advisory councils for demos. */
export function networkRows(): NetworkRow[] {
  return [
    row({
      code: NETWORK_CODES.hanoiInitiative,
      kind: 'INITIATIVE_NETWORK',
      nameVi: 'Mạng lưới sáng kiến Hà Nội',
      nameEn: 'Hanoi Initiative Network',
      descriptionVi:
        'Hoạt động theo nguyên tắc khoa học mở, đổi mới sáng tạo mở; kết nối người dân, cơ quan quản lý, doanh nghiệp, viện nghiên cứu, trường đại học, chuyên gia trong và ngoài nước, các trung tâm/chương trình hỗ trợ đổi mới sáng tạo để tham vấn, giải quyết các vấn đề quan trọng của phát triển kinh tế - xã hội của thành phố.',
      descriptionEn:
        'Works on open-science and open-innovation principles; links citizens, agencies, enterprises, research institutes, universities, domestic and overseas experts and innovation-support centres and programmes, to consult on and solve important problems of the city’s socio-economic development.',
      organizerId: organizationId('ubnd-ha-noi'),
      programmeId: programmeId('185/KH-UBND'),
      plannedLaunch: '2020-10',
      launchedOn: null,
      synthetic: false,
      provenance: sourceProvenance(
        '000',
        'Seed 000 (14 July 2020): the Party Secretary wished the Ministry to help the city launch it «trong tháng 10-2020» [000:71]. Seed 002 (plan 185/KH-UBND) says the city will build it on open-science principles [002:28]. No seed confirms that it was launched, so only the planned month is recorded.',
        {
          line: 71,
          quote: 'cho ra mắt “Mạng lưới sáng kiến Hà Nội” trong tháng 10-2020',
          alsoIn: ['002'],
          inferred: ['organizer UBND TP Hà Nội: the seeds say «TP» (the city) will build it, not which body convenes it'],
        },
      ),
    }),
    row({
      code: NETWORK_CODES.aiExperts,
      kind: 'EXPERT_PROGRAMME',
      nameVi: 'Lựa chọn, thu hút 100 chuyên gia giỏi tham gia các chương trình phát triển trí tuệ nhân tạo trọng điểm quốc gia',
      nameEn: 'Selecting and attracting 100 excellent experts for national key artificial-intelligence programmes',
      descriptionVi: 'Một trong 5 nhóm nội dung của phiên họp chuyên đề Ban Chỉ đạo Trung ương ngày 22-5-2025.',
      descriptionEn: 'One of the five content groups of the central Steering Committee’s thematic session of 22 May 2025.',
      organizerId: organizationId('ban-chi-dao-tw-khcn-dmst-cds'),
      programmeId: null,
      plannedLaunch: null,
      launchedOn: null,
      synthetic: false,
      provenance: sourceProvenance(
        '001',
        'Seed 001: «lựa chọn, thu hút 100 chuyên gia giỏi để tham gia những chương trình phát triển trí tuệ nhân tạo trọng điểm quốc gia» [001:17]. National level; the seed names no Hanoi programme for it.',
        {
          line: 17,
          quote: 'lựa chọn, thu hút 100 chuyên gia giỏi để tham gia những chương trình phát triển trí tuệ nhân tạo trọng điểm quốc gia',
          inferred: ['organizer: the Central Steering Committee discussed it as one of its content groups; the seed does not say who runs the selection'],
        },
      ),
    }),
    row({
      code: NETWORK_CODES.programme07,
      kind: 'ADVISORY_NETWORK',
      nameVi: 'Mạng lưới chuyên gia, nhà khoa học, tổ giúp việc trong và ngoài nước của Chương trình 07-CTr/TU',
      nameEn: 'Network of domestic and overseas experts, scientists and advisory groups for programme 07-CTr/TU',
      descriptionVi:
        'Tư vấn, tham khảo kinh nghiệm phát triển KHCN, ĐMST và chuyển đổi số của quốc tế cũng như trong nước để triển khai Chương trình số 07-CTr/TU hiệu quả.',
      descriptionEn:
        'Advises on and shares international and domestic experience of developing science, technology, innovation and digital transformation, to implement programme 07-CTr/TU effectively.',
      organizerId: null,
      programmeId: programmeId('07-CTr/TU'),
      plannedLaunch: null,
      launchedOn: null,
      synthetic: false,
      provenance: sourceProvenance(
        '004',
        'Seed 004 (summary conference, 3 April 2025): «Các đơn vị liên quan nhanh chóng xây dựng được mạng lưới các chuyên gia, nhà khoa học, tổ giúp việc trong và ngoài nước…» [004:33]. Asked of "the units concerned"; the seed names no single organiser.',
        { line: 33, quote: 'Các đơn vị liên quan nhanh chóng xây dựng được mạng lưới các chuyên gia, nhà khoa học, tổ giúp việc trong và ngoài nước' },
      ),
    }),
    row({
      code: NETWORK_CODES.demoCouncilTasks,
      kind: 'ADVISORY_COUNCIL',
      nameVi: 'Hội đồng tư vấn đánh giá nhiệm vụ KH&CN (mô phỏng)',
      nameEn: 'Advisory council for S&T task appraisal (demo)',
      descriptionVi: 'Hội đồng mô phỏng cho dữ liệu minh họa.',
      descriptionEn: 'An invented council for demonstration data.',
      organizerId: organizationId('so-khcn-ha-noi'),
      programmeId: programmeId('07-CTr/TU'),
      plannedLaunch: null,
      launchedOn: '2022-03-01',
      synthetic: true,
      provenance: syntheticProvenance('Synthetic demo council: invented, not a real body.'),
    }),
    row({
      code: NETWORK_CODES.demoCouncilStartups,
      kind: 'ADVISORY_COUNCIL',
      nameVi: 'Hội đồng cố vấn khởi nghiệp đổi mới sáng tạo (mô phỏng)',
      nameEn: 'Innovative startup advisory council (demo)',
      descriptionVi: 'Hội đồng mô phỏng cho dữ liệu minh họa.',
      descriptionEn: 'An invented council for demonstration data.',
      organizerId: organizationId('so-khcn-ha-noi'),
      programmeId: null,
      plannedLaunch: null,
      launchedOn: '2023-06-01',
      synthetic: true,
      provenance: syntheticProvenance('Synthetic demo council: invented, not a real body.'),
    }),
  ];
}
