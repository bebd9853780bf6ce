import type { OrganizationKey } from '../../kernel/reference/seed-refs';
import type { OrganizationModel } from '../models';

/** Real organisations named in the source articles (see ../../kernel/reference/sources.ts for the seeds). */
export interface OrganizationSeed {
  key: OrganizationKey;
  nameVi: string;
  nameEn: string;
  shortName?: string;
  kind: OrganizationModel['kind'];
  parent?: OrganizationKey;
  /** Why the parent is given when the seed does not state it. */
  parentInferred?: string;
  /** Seed articles that name it, the cited one first. */
  seeds: string[];
  /** The line of the first seed that names it, and the words there. */
  line: number;
  quote: string;
}

/** The seeds name the city's departments and centre without saying whom they report to. */
const PART_OF_CITY_ADMINISTRATION = 'UBND TP Hà Nội, as a body of the city administration (general knowledge; the seed does not say)';

export const ORGANIZATIONS: OrganizationSeed[] = [
  {
    key: 'bo-chinh-tri',
    nameVi: 'Bộ Chính trị',
    nameEn: 'Politburo of the Communist Party of Vietnam',
    kind: 'PARTY_BODY',
    seeds: ['001', '003'],
    line: 51,
    quote: 'Nghị quyết số 57-NQ/TƯ của Bộ Chính trị',
  },
  {
    key: 'ban-chi-dao-tw-khcn-dmst-cds',
    nameVi: 'Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
    nameEn: 'Central Steering Committee for Science, Technology, Innovation and Digital Transformation',
    shortName: 'Ban Chỉ đạo Trung ương',
    kind: 'STEERING_COMMITTEE',
    seeds: ['001'],
    line: 3,
    quote: 'Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số (Ban Chỉ đạo)',
  },
  {
    key: 'bo-khcn',
    nameVi: 'Bộ Khoa học và Công nghệ',
    nameEn: 'Ministry of Science and Technology',
    shortName: 'Bộ KH&CN',
    kind: 'MINISTRY',
    seeds: ['000', '001', '002', '003'],
    line: 4,
    quote: 'Bộ trưởng Bộ Khoa học và Công nghệ Chu Ngọc Anh',
  },
  {
    key: 'thanh-uy-ha-noi',
    nameVi: 'Thành ủy Hà Nội',
    nameEn: 'Hanoi Party Committee',
    kind: 'PARTY_BODY',
    seeds: ['002', '000', '001', '003', '004'],
    line: 7,
    quote: 'Chương trình số 07-CTr/TU của Thành ủy Hà Nội khóa XVII',
  },
  {
    key: 'ban-chi-dao-ctr-07',
    nameVi: 'Ban Chỉ đạo Chương trình số 07-CTr/TU của Thành ủy Hà Nội',
    nameEn: 'Steering Committee of Hanoi Party Committee Programme 07-CTr/TU',
    shortName: 'Ban Chỉ đạo Chương trình 07',
    kind: 'STEERING_COMMITTEE',
    parent: 'thanh-uy-ha-noi',
    seeds: ['004'],
    line: 2,
    quote: 'Trưởng ban Chỉ đạo Chương trình số 07-CTr/TU của Thành ủy Hà Nội',
  },
  {
    key: 'ubnd-ha-noi',
    nameVi: 'Ủy ban nhân dân thành phố Hà Nội',
    nameEn: "Hanoi People's Committee",
    shortName: 'UBND TP Hà Nội',
    kind: 'PEOPLES_COMMITTEE',
    seeds: ['002', '000', '001', '003', '004'],
    line: 7,
    quote: 'UBND TP Hà Nội vừa ban hành Kế hoạch số 185/KH-UBND',
  },
  {
    key: 'so-khcn-ha-noi',
    nameVi: 'Sở Khoa học và Công nghệ Hà Nội',
    nameEn: 'Hanoi Department of Science and Technology',
    shortName: 'Sở KH&CN',
    kind: 'CITY_DEPARTMENT',
    parent: 'ubnd-ha-noi',
    parentInferred: PART_OF_CITY_ADMINISTRATION,
    seeds: ['002', '003'],
    line: 7,
    quote: 'Sở KH&CN chủ trì thực hiện chỉ tiêu',
  },
  {
    key: 'so-khdt-ha-noi',
    nameVi: 'Sở Kế hoạch và Đầu tư Hà Nội',
    nameEn: 'Hanoi Department of Planning and Investment',
    shortName: 'Sở KH&ĐT',
    kind: 'CITY_DEPARTMENT',
    parent: 'ubnd-ha-noi',
    parentInferred: PART_OF_CITY_ADMINISTRATION,
    seeds: ['002'],
    line: 7,
    quote: 'Sở KH&ĐT được giao chủ trì thực hiện các chỉ tiêu',
  },
  {
    key: 'so-nnptnt-ha-noi',
    nameVi: 'Sở Nông nghiệp và Phát triển nông thôn Hà Nội',
    nameEn: 'Hanoi Department of Agriculture and Rural Development',
    shortName: 'Sở NN&PTNT',
    kind: 'CITY_DEPARTMENT',
    parent: 'ubnd-ha-noi',
    parentInferred: PART_OF_CITY_ADMINISTRATION,
    seeds: ['002'],
    line: 7,
    quote: 'Sở NN&PTNT chủ trì thực hiện chỉ tiêu',
  },
  {
    key: 'so-tttt-ha-noi',
    nameVi: 'Sở Thông tin và Truyền thông Hà Nội',
    nameEn: 'Hanoi Department of Information and Communications',
    shortName: 'Sở TT&TT',
    kind: 'CITY_DEPARTMENT',
    parent: 'ubnd-ha-noi',
    parentInferred: PART_OF_CITY_ADMINISTRATION,
    seeds: ['002'],
    line: 7,
    quote: 'Sở TT&TT chủ trì thực hiện chỉ tiêu',
  },
  {
    key: 'trung-tam-phvhcc-ha-noi',
    nameVi: 'Trung tâm Phục vụ hành chính công thành phố Hà Nội',
    nameEn: 'Hanoi Public Administration Service Centre',
    kind: 'OTHER',
    parent: 'ubnd-ha-noi',
    parentInferred: PART_OF_CITY_ADMINISTRATION,
    seeds: ['004'],
    line: 25,
    quote: 'Trung tâm Phục vụ hành chính công TP Hà Nội',
  },
  // Units named in the central steering committee's task report of 22 May 2025 (seed 001).
  {
    key: 'to-giup-viec-ban-chi-dao-tw',
    nameVi: 'Tổ giúp việc Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
    nameEn: 'Support Group of the Central Steering Committee for Science, Technology, Innovation and Digital Transformation',
    shortName: 'Tổ giúp việc Ban Chỉ đạo',
    kind: 'OTHER',
    parent: 'ban-chi-dao-tw-khcn-dmst-cds',
    seeds: ['001'],
    line: 15,
    quote: 'Tổ giúp việc Ban Chỉ đạo phải ký gửi 44 nhiệm vụ',
  },
  {
    key: 'van-phong-tw-dang',
    nameVi: 'Văn phòng Trung ương Đảng',
    nameEn: 'Office of the Party Central Committee',
    kind: 'PARTY_BODY',
    seeds: ['001'],
    line: 45,
    quote: '5 đầu việc của Văn phòng Trung ương Đảng',
  },
  {
    key: 'ban-to-chuc-tw',
    nameVi: 'Ban Tổ chức Trung ương',
    nameEn: 'Central Organisation Commission',
    kind: 'PARTY_BODY',
    seeds: ['001'],
    line: 45,
    quote: '1 của Ban Tổ chức Trung ương',
  },
  {
    key: 'quan-uy-tw',
    nameVi: 'Quân ủy Trung ương',
    nameEn: 'Central Military Commission',
    kind: 'PARTY_BODY',
    seeds: ['001'],
    line: 45,
    quote: '1 của Quân ủy Trung ương',
  },
  { key: 'bo-noi-vu', nameVi: 'Bộ Nội vụ', nameEn: 'Ministry of Home Affairs', kind: 'MINISTRY', seeds: ['001'], line: 45, quote: '2 đầu việc của Bộ Nội vụ' },
  { key: 'bo-tai-chinh', nameVi: 'Bộ Tài chính', nameEn: 'Ministry of Finance', kind: 'MINISTRY', seeds: ['001'], line: 45, quote: '2 của Bộ Tài chính' },
  {
    key: 'bo-cong-an',
    nameVi: 'Bộ Công an',
    nameEn: 'Ministry of Public Security',
    kind: 'MINISTRY',
    seeds: ['001'],
    line: 45,
    quote: '1 nhiệm vụ của Bộ Công an',
  },
  {
    key: 'ban-co-yeu-chinh-phu',
    nameVi: 'Ban Cơ yếu Chính phủ',
    nameEn: 'Government Cipher Committee',
    kind: 'OTHER',
    seeds: ['001'],
    line: 45,
    quote: '1 của Ban Cơ yếu Chính phủ',
  },
  {
    key: 'thanh-uy-da-nang',
    nameVi: 'Thành ủy Đà Nẵng',
    nameEn: 'Da Nang Party Committee',
    kind: 'PARTY_BODY',
    seeds: ['001'],
    line: 45,
    quote: '1 của Thành ủy Hà Nội và Thành ủy Đà Nẵng',
  },
];
