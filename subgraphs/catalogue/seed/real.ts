import { stableId } from '../../kernel/platform/ids';
import type { Provenance } from '../../kernel/reference/provenance';
import { datasetId, indicatorId, organizationId, type DatasetKey, type IndicatorCode, type OrganizationKey } from '../../kernel/reference/seed-refs';
import { sourceProvenance, type Citation } from '../../kernel/reference/sources';
import { HANOI_LOCATION, type AccessLevel, type DataThemeCode } from '../vocabularies';
import type { DatasetDraft } from '../store/dataset-row';
import type { CatalogueRecords } from './records';

/**
 * The datasets the seed articles imply. The articles say who is responsible for which
 * indicator and that the city is to build an S&T database and an open data warehouse; they
 * describe no file, address, format, size, licence or date, so all of those stay null.
 */
interface RealDataset {
  key: DatasetKey;
  titleVi: string;
  titleEn: string;
  descriptionVi: string;
  descriptionEn: string;
  publisher: OrganizationKey | null;
  themes: DataThemeCode[];
  keywords: string[];
  accessLevel: AccessLevel;
  temporal: [string, string] | null;
  seed: string;
  note: string;
  feeds: IndicatorCode[];
  /** The line of `seed` that supports the record, the words there, other seeds, and what the record infers. */
  cite: Citation;
  /** Where the dataset is about; null where the sources do not tie it to Hanoi. */
  spatial?: null;
}

/** Why PUBLIC: the indicators' targets and results are reported in the press, not what the department's files allow. */
const PUBLIC_INDICATOR_NOTE =
  'Access level PUBLIC because the indicator and its results are reported publicly (seeds 002, 004); the department’s own access terms are not stated.';

/**
 * Seed 002 line 7 says only which department is responsible for which indicator. That it keeps
 * the figures as a dataset, and on what terms, is inferred; no period of coverage is given.
 */
const DEPARTMENT_DATASET_INFERENCES = [
  'the dataset itself: the seed says only that the department is responsible for the indicator (chủ trì thực hiện), not that it keeps or publishes its figures as a dataset',
  'access level PUBLIC: the seed states no access terms',
];
const departmentCitation = (quote: string): Citation => ({ line: 7, quote, inferred: DEPARTMENT_DATASET_INFERENCES });

const DEPARTMENT_DATASETS: RealDataset[] = [
  {
    key: 'so-khdt-chi-tieu-ctr07',
    titleVi: 'Số liệu chỉ tiêu Chương trình 07-CTr/TU do Sở Kế hoạch và Đầu tư chủ trì',
    titleEn: 'Programme 07-CTr/TU indicator statistics of the Department of Planning and Investment',
    descriptionVi:
      'Số liệu theo dõi hai chỉ tiêu do Sở Kế hoạch và Đầu tư chủ trì theo Kế hoạch 185/KH-UBND: năng suất các nhân tố tổng hợp (TFP) đóng góp vào tăng trưởng GRDP và tốc độ tăng năng suất lao động.',
    descriptionEn:
      'Figures for the two indicators the Department of Planning and Investment is responsible for under plan 185/KH-UBND: the contribution of total factor productivity (TFP) to GRDP growth and the labour productivity growth rate.',
    publisher: 'so-khdt-ha-noi',
    themes: ['ECON'],
    keywords: ['TFP', 'năng suất lao động', 'GRDP', '07-CTr/TU'],
    accessLevel: 'PUBLIC',
    temporal: null,
    seed: '002',
    note: 'Implied by seed 002: Sở KH&ĐT is responsible for indicators CTR07-TFP and CTR07-LABOUR-PRODUCTIVITY (plan 185/KH-UBND).',
    feeds: ['CTR07-TFP', 'CTR07-LABOUR-PRODUCTIVITY'],
    cite: departmentCitation('Sở KH&ĐT được giao chủ trì thực hiện các chỉ tiêu'),
  },
  {
    key: 'so-nnptnt-chi-tieu-ctr07',
    titleVi: 'Số liệu chỉ tiêu Chương trình 07-CTr/TU do Sở Nông nghiệp và Phát triển nông thôn chủ trì',
    titleEn: 'Programme 07-CTr/TU indicator statistics of the Department of Agriculture and Rural Development',
    descriptionVi:
      'Số liệu theo dõi chỉ tiêu tỷ lệ sản phẩm nông nghiệp ứng dụng công nghệ cao trên tổng sản phẩm nông nghiệp, do Sở Nông nghiệp và Phát triển nông thôn chủ trì theo Kế hoạch 185/KH-UBND.',
    descriptionEn:
      'Figures for the share of high-tech agricultural products in total agricultural output, the indicator the Department of Agriculture and Rural Development is responsible for under plan 185/KH-UBND.',
    publisher: 'so-nnptnt-ha-noi',
    themes: ['AGRI', 'TECH'],
    keywords: ['nông nghiệp công nghệ cao', '07-CTr/TU'],
    accessLevel: 'PUBLIC',
    temporal: null,
    seed: '002',
    note: 'Implied by seed 002: Sở NN&PTNT is responsible for indicator CTR07-HITECH-AGRICULTURE (plan 185/KH-UBND).',
    feeds: ['CTR07-HITECH-AGRICULTURE'],
    cite: departmentCitation('Sở NN&PTNT chủ trì thực hiện chỉ tiêu'),
  },
  {
    key: 'so-tttt-chi-tieu-ctr07',
    titleVi: 'Số liệu chỉ tiêu Chương trình 07-CTr/TU do Sở Thông tin và Truyền thông chủ trì',
    titleEn: 'Programme 07-CTr/TU indicator statistics of the Department of Information and Communications',
    descriptionVi: 'Số liệu theo dõi chỉ tiêu tỷ trọng kinh tế số trong GRDP, do Sở Thông tin và Truyền thông chủ trì theo Kế hoạch 185/KH-UBND.',
    descriptionEn:
      'Figures for the digital economy’s share of GRDP, the indicator the Department of Information and Communications is responsible for under plan 185/KH-UBND.',
    publisher: 'so-tttt-ha-noi',
    themes: ['ECON', 'TECH'],
    keywords: ['kinh tế số', 'GRDP', '07-CTr/TU'],
    accessLevel: 'PUBLIC',
    temporal: null,
    seed: '002',
    note: 'Implied by seed 002: Sở TT&TT is responsible for indicator CTR07-DIGITAL-ECONOMY (plan 185/KH-UBND).',
    feeds: ['CTR07-DIGITAL-ECONOMY'],
    cite: departmentCitation('Sở TT&TT chủ trì thực hiện chỉ tiêu'),
  },
  {
    key: 'so-khcn-chi-tieu-ctr07',
    titleVi: 'Số liệu chỉ tiêu Chương trình 07-CTr/TU do Sở Khoa học và Công nghệ chủ trì',
    titleEn: 'Programme 07-CTr/TU indicator statistics of the Department of Science and Technology',
    descriptionVi: 'Số liệu theo dõi chỉ tiêu tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo, do Sở Khoa học và Công nghệ chủ trì theo Kế hoạch 185/KH-UBND.',
    descriptionEn:
      'Figures for the share of enterprises with innovation activities, the indicator the Department of Science and Technology is responsible for under plan 185/KH-UBND.',
    publisher: 'so-khcn-ha-noi',
    themes: ['TECH', 'ECON'],
    keywords: ['đổi mới sáng tạo', 'doanh nghiệp', '07-CTr/TU'],
    accessLevel: 'PUBLIC',
    temporal: null,
    seed: '002',
    note: 'Implied by seed 002: Sở KH&CN is responsible for indicator CTR07-INNOVATIVE-ENTERPRISES (plan 185/KH-UBND).',
    feeds: ['CTR07-INNOVATIVE-ENTERPRISES'],
    cite: departmentCitation('Sở KH&CN chủ trì thực hiện chỉ tiêu'),
  },
];

const CITY_DATASETS: RealDataset[] = [
  {
    key: 'csdl-khcn-ha-noi',
    titleVi: 'Cơ sở dữ liệu về khoa học, công nghệ của Hà Nội',
    titleEn: 'Hanoi science and technology database',
    descriptionVi:
      'Cơ sở dữ liệu khoa học và công nghệ phục vụ hoạt động khoa học và công nghệ của Thành phố, được xây dựng, hoàn thiện và kết nối với toàn quốc; thành phố kiến nghị Bộ Khoa học và Công nghệ hỗ trợ tạo lập và chia sẻ.',
    descriptionEn:
      'The S&T database serving the city’s science and technology activities, to be built, completed and connected nationally; the city asked the Ministry of Science and Technology to help create and share it.',
    publisher: 'ubnd-ha-noi',
    themes: ['TECH'],
    keywords: ['cơ sở dữ liệu khoa học và công nghệ', 'kết nối toàn quốc', 'chia sẻ dữ liệu'],
    // "chia sẻ" (shared) for the city's S&T work, not "mở" (open): modelled as shared with authorised users.
    accessLevel: 'RESTRICTED',
    temporal: null,
    seed: '000',
    note: 'Seed 000 (also 003): «xây dựng, hoàn thiện cơ sở dữ liệu về khoa học, công nghệ của Hà Nội, kết nối với toàn quốc»; «tạo lập và chia sẻ cơ sở dữ liệu phục vụ hoạt động khoa học và công nghệ của thành phố». Publisher: the city (UBND TP); the operating department is not named. Access level RESTRICTED because the sources speak of sharing for S&T work, not of open publication; to be revised when the city states its access policy.',
    feeds: [],
    cite: {
      line: 71,
      quote: 'xây dựng, hoàn thiện cơ sở dữ liệu về khoa học, công nghệ của Hà Nội, kết nối với toàn quốc',
      alsoIn: ['003'],
      inferred: [
        'publisher UBND TP Hà Nội: the seeds say «thành phố» (the city), not which body publishes it',
        'access level RESTRICTED: the seeds speak of sharing, not of access terms',
      ],
    },
  },
  {
    key: 'kho-du-lieu-mo-ha-noi',
    titleVi: 'Kho dữ liệu mở (Hà Nội kiến nghị Trung ương xây dựng)',
    titleEn: 'Open data warehouse (Hanoi asked the central level to build it)',
    descriptionVi:
      'Hà Nội mong muốn Trung ương xây dựng kho dữ liệu mở và chuẩn hóa kết nối dữ liệu, cùng quy chế phối hợp chia sẻ dữ liệu (kiến nghị về thành phố thông minh tại phiên họp ngày 22-5-2025). Không phải kho dữ liệu của Hà Nội.',
    descriptionEn:
      "Hanoi asked the central level (Trung ương) to build an open data warehouse and standardise data connections, with a data-sharing regulation (smart-city recommendations at the session of 22 May 2025). Not Hanoi's own warehouse.",
    publisher: null,
    themes: ['GOVE'],
    keywords: ['dữ liệu mở', 'chia sẻ dữ liệu', 'thành phố thông minh'],
    accessLevel: 'PUBLIC',
    temporal: null,
    seed: '001',
    note: 'Seed 001: «thành phố mong muốn Trung ương sớm ban hành quy chế phối hợp chia sẻ dữ liệu … xây dựng kho dữ liệu mở và chuẩn hóa kết nối dữ liệu», one of the recommendations Vice Chairman Nguyễn Trọng Đông put to the central level: the city asks the central level to build it. A proposal, not yet a published dataset; who will publish it is not stated, so the publisher is empty, and no spatial coverage is claimed. Access level PUBLIC: an open data warehouse is public by definition.',
    feeds: [],
    spatial: null,
    cite: { line: 31, quote: 'thành phố mong muốn Trung ương sớm ban hành quy chế phối hợp chia sẻ dữ liệu' },
  },
];

export const REAL_DATASETS = [...DEPARTMENT_DATASETS, ...CITY_DATASETS];

/** This graph as a data service: it serves the indicator figures it takes from the departments' datasets. */
export const STI_GRAPH_SERVICE_ID = stableId('DataService', 'sti-graph');
const STI_GRAPH_PROVENANCE: Provenance = {
  synthetic: false,
  note: 'This API itself. It serves the programme-07 indicator figures whose source datasets are the departments’ statistics (lineage from seed 002).',
};

export function realCatalogue(): CatalogueRecords {
  const datasets: DatasetDraft[] = REAL_DATASETS.map((real) => {
    const note = real.accessLevel === 'PUBLIC' && real.feeds.length ? `${real.note} ${PUBLIC_INDICATOR_NOTE}` : real.note;
    return {
      id: datasetId(real.key),
      identifier: real.key,
      titleVi: real.titleVi,
      titleEn: real.titleEn,
      descriptionVi: real.descriptionVi,
      descriptionEn: real.descriptionEn,
      publisherId: real.publisher ? organizationId(real.publisher) : null,
      contactPoint: null,
      themes: real.themes,
      keywords: real.keywords,
      accessLevel: real.accessLevel,
      licenceId: null,
      updateFrequency: null,
      temporalStart: real.temporal?.[0] ?? null,
      temporalEnd: real.temporal?.[1] ?? null,
      spatial: real.spatial === null ? null : HANOI_LOCATION,
      issued: null,
      modified: null,
      lastReviewed: null,
      versionInfo: null,
      landingPage: null,
      seriesId: null,
      synthetic: false,
      provenance: sourceProvenance(real.seed, note, real.cite),
      distributions: [],
    };
  });
  const lineage = REAL_DATASETS.flatMap((real) =>
    real.feeds.map((code) => ({
      datasetId: datasetId(real.key),
      indicatorId: indicatorId(code),
      provenance: sourceProvenance('002', real.note, real.cite),
    })),
  );
  return {
    series: [],
    datasets,
    lineage,
    services: [
      {
        id: STI_GRAPH_SERVICE_ID,
        titleVi: 'API đồ thị khoa học, công nghệ và đổi mới sáng tạo Hà Nội (STI graph)',
        titleEn: 'Hanoi science, technology and innovation graph API (STI graph)',
        descriptionVi: 'Một API GraphQL cho chương trình, chỉ tiêu, khởi nghiệp, chuyên gia và danh mục dữ liệu.',
        descriptionEn: 'One GraphQL API over programmes, indicators, startups, experts and the data catalogue.',
        endpointUrl: '/graphql',
        endpointDescription: null,
        conformsTo: 'https://spec.graphql.org/',
        publisherId: null,
        synthetic: false,
        provenance: STI_GRAPH_PROVENANCE,
      },
    ],
    servedDatasets: DEPARTMENT_DATASETS.map((real) => ({ serviceId: STI_GRAPH_SERVICE_ID, datasetId: datasetId(real.key) })),
  };
}
