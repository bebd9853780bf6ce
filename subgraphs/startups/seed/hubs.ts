import type { InferInsertModel } from 'drizzle-orm';
import { stableId } from '../../kernel/platform/ids';
import { syntheticProvenance } from '../../kernel/reference/provenance';
import { organizationId } from '../../kernel/reference/seed-refs';
import { sourceProvenance } from '../../kernel/reference/sources';
import type { HubFigure, hubs } from '../db/schema';
import { hubSearchText } from '../rules/search-text';

type HubRow = InferInsertModel<typeof hubs>;
export const hubId = (key: string): string => stableId('InnovationHub', key);

export const HOA_LAC_PARK = hubId('khu-cnc-hoa-lac');
export const HOA_LAC_INCUBATOR = hubId('vuon-uom-cnc-hoa-lac');
export const TECHNOLOGY_EXCHANGE = hubId('san-giao-dich-cong-nghe-ha-noi');

/** Said once for every coordinate we give a real place: where it comes from and how exact it is. */
const HOA_LAC_COORDINATES_NOTE =
  'Coordinates are not in the source: an approximate point in the park (about 21.01 N, 105.52 E) from general knowledge of the place, precision AREA (a few km).';

/** The seeds say the city («TP») is to build these places; that UBND TP runs them is inferred. */
const CITY_AS_OPERATOR = 'operator UBND TP Hà Nội: the seed says the city («TP») is to build it, not which body will run it';

/** Seed 000 line 73 and seed 001 line 39: Hòa Lạc's figures as data, not a note. */
const HOA_LAC_FIGURES: HubFigure[] = [
  {
    measureVi: 'Kỹ sư làm việc tại khu (không ai ở lại)',
    measureEn: 'Engineers working in the park (none live there)',
    value: 3000,
    unit: 'engineers',
    qualifier: 'NEARLY',
    statementVi: 'Hiện nay, ở khu công nghệ cao Hòa Lạc có gần 3.000 kỹ sư làm việc nhưng không ai ở lại',
    statementEn: 'Nearly 3,000 engineers now work at Hoa Lac Hi-Tech Park, but none of them live there',
    provenance: sourceProvenance('001', 'Said by Deputy Prime Minister Nguyễn Chí Dũng at the session of 22 May 2025.', {
      line: 39,
      quote: 'ở khu công nghệ cao Hòa Lạc có gần 3.000 kỹ sư làm việc nhưng không ai ở lại',
    }),
  },
  {
    measureVi: 'Quy mô dân số đô thị vệ tinh Hòa Lạc theo quy hoạch của Chính phủ',
    measureEn: "Planned population of Hoa Lac satellite city (the Government's plan)",
    value: 600_000,
    unit: 'people',
    qualifier: 'PLANNED',
    statementVi: 'góp phần xây dựng đô thị vệ tinh Hòa Lạc theo quy hoạch của Chính phủ với quy mô 600.000 dân',
    statementEn: "helping to build Hoa Lac satellite city to the Government's plan for 600,000 inhabitants",
    provenance: sourceProvenance('000', 'The Party Secretary’s commitment at the working session with the Ministry of Science and Technology.', {
      line: 73,
      quote: 'góp phần xây dựng đô thị vệ tinh Hòa Lạc theo quy hoạch của Chính phủ với quy mô 600.000 dân',
    }),
  },
];

function hub(row: Omit<HubRow, 'searchText' | 'aliases'> & { aliases?: string[] }): HubRow {
  const aliases = row.aliases ?? [];
  return { ...row, aliases, searchText: hubSearchText({ ...row, aliases }) };
}

/**
 * The real hubs and places the source articles name (domain.md "Places and organisations";
 * facts.md A6). Status is as of the source; an operator is given only where the source says
 * who builds or runs the place (the city's plan 185/KH-UBND assigns the city-built ones to
 * UBND TP Hà Nội, without naming the operating unit).
 */
export const REAL_HUBS: HubRow[] = [
  hub({
    id: HOA_LAC_PARK,
    kind: 'HI_TECH_PARK',
    status: 'OPERATING',
    nameVi: 'Khu công nghệ cao Hòa Lạc',
    nameEn: 'Hoa Lac Hi-Tech Park',
    aliases: ['Khu Công nghệ cao Hòa Lạc', 'Khu công nghiệp Công nghệ cao Hòa Lạc'],
    operatorId: null,
    parentId: null,
    address: null,
    district: 'Thạch Thất',
    latitude: 21.01,
    longitude: 105.52,
    coordinatePrecision: 'AREA',
    reportedFigures: HOA_LAC_FIGURES,
    provenance: sourceProvenance(
      '001',
      '«đến nay, khu công nghiệp này được đầu tư hạ tầng - kỹ thuật cơ bản» and «gần 3.000 kỹ sư làm việc» [001:27, 001:39]: operating, ' +
        'with basic infrastructure; to become a national S&T and innovation centre (a goal, 002:15). Operator not named in the sources, so null. ' +
        'District from general knowledge (the park spans Thạch Thất and Quốc Oai). ' +
        HOA_LAC_COORDINATES_NOTE,
      {
        line: 27,
        quote: 'đến nay, khu công nghiệp này được đầu tư hạ tầng - kỹ thuật cơ bản',
        alsoIn: ['000', '002', '003', '004'],
        inferred: ['district Thạch Thất: general knowledge, not in the seeds', 'coordinates: an approximate point from general knowledge, not in the seeds'],
      },
    ),
  }),
  hub({
    id: HOA_LAC_INCUBATOR,
    kind: 'INCUBATOR',
    status: 'PLANNED',
    nameVi: 'Vườn ươm công nghệ và doanh nghiệp khởi nghiệp đổi mới sáng tạo tại Khu công nghệ cao Hòa Lạc',
    nameEn: 'Technology and innovative-startup incubator at Hoa Lac Hi-Tech Park',
    aliases: ['Vườn ươm công nghệ, công nghiệp hỗ trợ tại Khu công nghệ cao Hòa Lạc'],
    operatorId: organizationId('ubnd-ha-noi'),
    parentId: HOA_LAC_PARK,
    address: null,
    district: null,
    latitude: null,
    longitude: null,
    coordinatePrecision: null,
    focusSectors: ['MANUFACTURING'],
    provenance: sourceProvenance(
      '002',
      'Planned: «xây dựng Đề án Vườn ươm công nghệ và doanh nghiệp khởi nghiệp đổi mới sáng tạo tại Khu công nghệ cao Hòa Lạc» [002:15]; ' +
        'seed 000 calls it «vườn ươm công nghệ, công nghiệp hỗ trợ» [000:71], hence the supporting-industry focus. The city is to build it (UBND TP as operator); its site inside the park is not given, so no coordinates.',
      {
        line: 15,
        quote: 'xây dựng Đề án Vườn ươm công nghệ và doanh nghiệp khởi nghiệp đổi mới sáng tạo tại Khu công nghệ cao Hòa Lạc',
        alsoIn: ['000'],
        inferred: [CITY_AS_OPERATOR],
      },
    ),
  }),
  hub({
    id: hubId('khu-cnc-sinh-hoc-bac-tu-liem'),
    kind: 'HI_TECH_PARK',
    status: 'PLANNED',
    nameVi: 'Khu công nghệ cao sinh học tại quận Bắc Từ Liêm',
    nameEn: 'Biotechnology Hi-Tech Park, Bac Tu Liem district',
    operatorId: organizationId('ubnd-ha-noi'),
    parentId: null,
    address: null,
    district: 'Bắc Từ Liêm',
    latitude: null,
    longitude: null,
    coordinatePrecision: null,
    focusSectors: ['BIOTECH'],
    provenance: sourceProvenance(
      '004',
      'Still to start construction in April 2025: «sớm khởi công xây dựng Khu công nghệ cao sinh học tại quận Bắc Từ Liêm» [004:29]; ' +
        'plan 185/KH-UBND aimed to finish building it [002:15]. A city project (UBND TP as operator). Exact site not in the sources, so no coordinates.',
      { line: 29, quote: 'sớm khởi công xây dựng Khu công nghệ cao sinh học tại quận Bắc Từ Liêm', alsoIn: ['002'], inferred: [CITY_AS_OPERATOR] },
    ),
  }),
  hub({
    id: TECHNOLOGY_EXCHANGE,
    kind: 'TECHNOLOGY_EXCHANGE',
    status: 'PLANNED',
    nameVi: 'Sàn giao dịch công nghệ thành phố Hà Nội',
    nameEn: 'Hanoi Technology Exchange',
    aliases: ['Sàn giao dịch công nghệ TP Hà Nội', 'sàn công nghệ Hà Nội'],
    operatorId: organizationId('ubnd-ha-noi'),
    parentId: null,
    address: 'Khu liên cơ quan số 258 Võ Chí Công, Xuân La, Tây Hồ, Hà Nội',
    district: 'Tây Hồ',
    latitude: 21.07,
    longitude: 105.806,
    coordinatePrecision: 'AREA',
    provenance: sourceProvenance(
      '002',
      'To be built by the city under plan 185/KH-UBND: «sẽ xây dựng Sàn giao dịch công nghệ TP Hà Nội tại Khu liên cơ quan số 258 Võ Chí Công, Xuân La, Tây Hồ» [002:32]: ' +
        'connects technology supply and demand, trading sessions, auctions. Address and ward/district as of the source (before the 1 July 2025 reorganisation). ' +
        'Coordinates are not in the source: an approximate point of Xuân La ward on Võ Chí Công street from general knowledge, precision AREA (about 1 km).',
      {
        line: 32,
        quote: 'xây dựng Sàn giao dịch công nghệ TP Hà Nội tại Khu liên cơ quan số 258 Võ Chí Công, Xuân La, Tây Hồ',
        alsoIn: ['003'],
        inferred: [CITY_AS_OPERATOR, 'coordinates: an approximate point of the address from general knowledge, not in the seed'],
      },
    ),
  }),
  hub({
    id: hubId('trung-tam-thiet-ke-sang-tao-ha-noi'),
    kind: 'CREATIVE_DESIGN_CENTRE',
    status: 'PLANNED',
    nameVi: 'Trung tâm Thiết kế sáng tạo Hà Nội',
    nameEn: 'Hanoi Creative Design Centre',
    operatorId: organizationId('ubnd-ha-noi'),
    parentId: null,
    address: null,
    district: null,
    latitude: null,
    longitude: null,
    coordinatePrecision: null,
    focusSectors: ['CREATIVE_DESIGN'],
    provenance: sourceProvenance(
      '002',
      '«Xây dựng và vận hành Trung tâm Thiết kế sáng tạo Hà Nội với mục tiêu ươm mầm tài năng trong các lĩnh vực liên quan đến thiết kế sáng tạo» [002:23], ' +
        'part of Hanoi\u2019s role as a UNESCO Creative City. Planned under 185/KH-UBND (UBND TP as operator); location not in the source.',
      { line: 23, quote: 'Xây dựng và vận hành Trung tâm Thiết kế sáng tạo Hà Nội', inferred: [CITY_AS_OPERATOR] },
    ),
  }),
  hub({
    id: hubId('trung-tam-thiet-ke-sang-tao-san-pham-lang-nghe'),
    kind: 'CREATIVE_DESIGN_CENTRE',
    status: 'PLANNED',
    nameVi: 'Trung tâm Thiết kế sáng tạo sản phẩm làng nghề Hà Nội',
    nameEn: 'Hanoi Creative Design Centre for Craft-Village Products',
    operatorId: organizationId('ubnd-ha-noi'),
    parentId: null,
    address: null,
    district: null,
    latitude: null,
    longitude: null,
    coordinatePrecision: null,
    focusSectors: ['CREATIVE_DESIGN'],
    provenance: sourceProvenance(
      '002',
      '«Xây dựng Trung tâm Thiết kế sáng tạo sản phẩm làng nghề Hà Nội…» [002:23]. Planned under 185/KH-UBND (UBND TP as operator); location not in the source.',
      { line: 23, quote: 'Xây dựng Trung tâm Thiết kế sáng tạo sản phẩm làng nghề Hà Nội', inferred: [CITY_AS_OPERATOR] },
    ),
  }),
];

const SYNTHETIC_HUB_NOTE =
  'Invented hub for the demo (generated by subgraphs/startups/seed/hubs.ts): the name, place, coordinates, capacity and operator link are all made up.';

function syntheticHub(
  key: string,
  row: Pick<HubRow, 'kind' | 'nameVi' | 'nameEn' | 'district' | 'latitude' | 'longitude' | 'focusSectors' | 'establishedOn' | 'capacity'> &
    Partial<Pick<HubRow, 'operatorId' | 'parentId'>>,
): HubRow {
  return hub({
    id: hubId(`synthetic:${key}`),
    status: 'OPERATING',
    operatorId: null,
    parentId: null,
    address: `Địa chỉ mô phỏng, ${row.district}, Hà Nội`,
    coordinatePrecision: 'SITE',
    synthetic: true,
    provenance: syntheticProvenance(SYNTHETIC_HUB_NOTE),
    ...row,
  });
}

/** Demo hubs that run the synthetic cohorts: real hubs get no invented intakes. */
export const SYNTHETIC_HUBS: HubRow[] = [
  syntheticHub('lotus-incubator', {
    kind: 'INCUBATOR',
    nameVi: 'Vườn ươm Hoa Sen (mô phỏng)',
    nameEn: 'Lotus Incubator (demo)',
    district: 'Cầu Giấy',
    latitude: 21.0333,
    longitude: 105.7944,
    focusSectors: ['SOFTWARE', 'ARTIFICIAL_INTELLIGENCE'],
    establishedOn: '2015-09-01',
    capacity: 30,
    operatorId: organizationId('so-khcn-ha-noi'),
  }),
  syntheticHub('red-river-accelerator', {
    kind: 'ACCELERATOR',
    nameVi: 'Chương trình tăng tốc Sông Hồng (mô phỏng)',
    nameEn: 'Red River Accelerator (demo)',
    district: 'Hoàn Kiếm',
    latitude: 21.0285,
    longitude: 105.8542,
    focusSectors: ['FINTECH', 'ECOMMERCE', 'LOGISTICS'],
    establishedOn: '2016-03-01',
    capacity: 15,
  }),
  syntheticHub('old-quarter-coworking', {
    kind: 'CO_WORKING',
    nameVi: 'Không gian làm việc chung Phố Cổ (mô phỏng)',
    nameEn: 'Old Quarter Co-working (demo)',
    district: 'Hoàn Kiếm',
    latitude: 21.0345,
    longitude: 105.8501,
    focusSectors: [],
    establishedOn: '2017-01-15',
    capacity: 120,
  }),
  syntheticHub('hoa-lac-green-incubator', {
    kind: 'INCUBATOR',
    nameVi: 'Vườn ươm Hòa Lạc Xanh (mô phỏng)',
    nameEn: 'Hoa Lac Green Incubator (demo)',
    district: 'Thạch Thất',
    latitude: 21.0125,
    longitude: 105.5262,
    focusSectors: ['IOT_ELECTRONICS', 'MANUFACTURING'],
    establishedOn: '2015-06-01',
    capacity: 25,
    parentId: HOA_LAC_PARK,
    operatorId: organizationId('so-khcn-ha-noi'),
  }),
  syntheticHub('west-lake-innovation', {
    kind: 'INNOVATION_CENTRE',
    nameVi: 'Trung tâm đổi mới sáng tạo Hồ Tây (mô phỏng)',
    nameEn: 'West Lake Innovation Centre (demo)',
    district: 'Tây Hồ',
    latitude: 21.0655,
    longitude: 105.8121,
    focusSectors: ['SMART_CITY', 'CLEANTECH'],
    establishedOn: '2016-10-01',
    capacity: 40,
  }),
  syntheticHub('long-bien-software-park', {
    kind: 'SOFTWARE_PARK',
    nameVi: 'Khu công viên phần mềm Long Biên (mô phỏng)',
    nameEn: 'Long Bien Software Park (demo)',
    district: 'Long Biên',
    latitude: 21.0466,
    longitude: 105.8883,
    focusSectors: ['SOFTWARE'],
    establishedOn: '2015-01-01',
    capacity: 60,
  }),
  syntheticHub('gia-lam-agri-incubator', {
    kind: 'INCUBATOR',
    nameVi: 'Vườn ươm nông nghiệp công nghệ cao Gia Lâm (mô phỏng)',
    nameEn: 'Gia Lam Agritech Incubator (demo)',
    district: 'Gia Lâm',
    latitude: 21.0043,
    longitude: 105.9371,
    focusSectors: ['AGRITECH', 'BIOTECH'],
    establishedOn: '2016-05-01',
    capacity: 20,
  }),
  syntheticHub('ha-dong-creative-space', {
    kind: 'CO_WORKING',
    nameVi: 'Không gian sáng tạo Hà Đông (mô phỏng)',
    nameEn: 'Ha Dong Creative Space (demo)',
    district: 'Hà Đông',
    latitude: 20.9714,
    longitude: 105.7788,
    focusSectors: ['CREATIVE_DESIGN', 'EDTECH'],
    establishedOn: '2017-06-01',
    capacity: 50,
  }),
];
