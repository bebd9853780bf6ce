import { createHash } from 'node:crypto';
import { stableId } from '../../kernel/platform/ids';
import { syntheticProvenance } from '../../kernel/reference/provenance';
import { createRandom, type Random } from '../../kernel/platform/random';
import { organizationId, syntheticId, type OrganizationKey } from '../../kernel/reference/seed-refs';

import { FILE_FORMAT_INFO, HANOI_LOCATION, LICENCES, UPDATE_FREQUENCIES, type AccessLevel, type DataThemeCode, type FileFormat } from '../vocabularies';
import type { DatasetDraft, DistributionDraft } from '../store/dataset-row';
import type { CatalogueRecords } from './records';

/**
 * Synthetic demo datasets: deterministic per index (`syntheticId('Dataset', i)`, a random
 * generator seeded with the index), so the default seed and the benchmark generator write
 * the same record for the same index. Dates are offsets back from `anchor` (the day of
 * seeding) so that some datasets are always within their Decree 47 deadlines and some past
 * them. URLs use the reserved example.org domain.
 */
interface Topic {
  vi: string;
  en: string;
  themes: DataThemeCode[];
  keywords: string[];
}

const TOPICS: Topic[] = [
  { vi: 'Nhiệm vụ khoa học và công nghệ cấp thành phố', en: 'City-level S&T tasks', themes: ['TECH'], keywords: ['nhiệm vụ KH&CN', 'nghiên cứu', 'kinh phí'] },
  { vi: 'Doanh nghiệp khoa học và công nghệ', en: 'S&T enterprises', themes: ['TECH', 'ECON'], keywords: ['doanh nghiệp', 'chứng nhận', 'khoa học'] },
  {
    vi: 'Dự án khởi nghiệp đổi mới sáng tạo',
    en: 'Innovative startup projects',
    themes: ['TECH', 'ECON'],
    keywords: ['khởi nghiệp', 'đổi mới sáng tạo', 'vườn ươm'],
  },
  {
    vi: 'Sản phẩm nông nghiệp ứng dụng công nghệ cao',
    en: 'High-tech agricultural products',
    themes: ['AGRI', 'TECH'],
    keywords: ['nông nghiệp', 'công nghệ cao', 'sản lượng'],
  },
  { vi: 'Chi ngân sách cho khoa học và công nghệ', en: 'Budget spending on S&T', themes: ['ECON', 'GOVE'], keywords: ['ngân sách', 'chi tiêu', 'GRDP'] },
  { vi: 'Chất lượng không khí', en: 'Air quality', themes: ['ENVI', 'HEAL'], keywords: ['môi trường', 'bụi mịn', 'quan trắc'] },
  { vi: 'Giao thông công cộng', en: 'Public transport', themes: ['TRAN', 'REGI'], keywords: ['xe buýt', 'đường sắt đô thị', 'hành khách'] },
  {
    vi: 'Cơ sở giáo dục đại học và viện nghiên cứu',
    en: 'Universities and research institutes',
    themes: ['EDUC', 'TECH'],
    keywords: ['đại học', 'viện nghiên cứu', 'nhân lực'],
  },
  {
    vi: 'Đơn đăng ký sáng chế và giải pháp hữu ích',
    en: 'Patent and utility solution applications',
    themes: ['TECH', 'JUST'],
    keywords: ['sở hữu trí tuệ', 'sáng chế'],
  },
  { vi: 'Tiêu thụ năng lượng', en: 'Energy consumption', themes: ['ENER'], keywords: ['điện', 'năng lượng', 'tiết kiệm'] },
  { vi: 'Dân số theo quận, huyện', en: 'Population by district', themes: ['SOCI', 'REGI'], keywords: ['dân số', 'quận', 'huyện'] },
  {
    vi: 'Thủ tục hành chính công trực tuyến',
    en: 'Online public administrative procedures',
    themes: ['GOVE'],
    keywords: ['dịch vụ công', 'hồ sơ', 'trực tuyến'],
  },
  { vi: 'Cơ sở y tế', en: 'Health facilities', themes: ['HEAL'], keywords: ['bệnh viện', 'trạm y tế'] },
  { vi: 'Hợp tác quốc tế về khoa học và công nghệ', en: 'International S&T cooperation', themes: ['INTR', 'TECH'], keywords: ['hợp tác quốc tế', 'dự án'] },
  { vi: 'Chuyển đổi số doanh nghiệp', en: 'Digital transformation of enterprises', themes: ['ECON', 'TECH'], keywords: ['chuyển đổi số', 'kinh tế số'] },
  { vi: 'Số liệu sơ bộ về đổi mới sáng tạo', en: 'Provisional innovation figures', themes: ['OP_DATPRO', 'TECH'], keywords: ['sơ bộ', 'ước tính'] },
];

const PUBLISHERS: OrganizationKey[] = ['so-khcn-ha-noi', 'so-khdt-ha-noi', 'so-nnptnt-ha-noi', 'so-tttt-ha-noi', 'ubnd-ha-noi', 'trung-tam-phvhcc-ha-noi'];
const FORMATS: FileFormat[] = [
  'CSV',
  'CSV',
  'JSON',
  'XLSX',
  'XLSX',
  'PDF',
  'XML',
  'GEOJSON',
  'JSON_LD',
  'ODS',
  'XLS',
  'DOCX',
  'HTML',
  'SHP',
  'ZIP',
  'PARQUET',
  'RDF_TURTLE',
];
const ANCHOR_DAYS_BACK = 1_500;

const topicSeriesId = (topicIndex: number) => stableId('DatasetSeries', `synthetic:${topicIndex}`);

function daysBefore(anchor: string, days: number): string {
  return new Date(Date.parse(`${anchor}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

function pickAccessLevel(random: Random): AccessLevel {
  const roll = random.next();
  return roll < 0.7 ? 'PUBLIC' : roll < 0.9 ? 'RESTRICTED' : 'INTERNAL';
}

export function syntheticDataset(index: number, anchor: string): DatasetDraft {
  const random = createRandom(`catalogue:dataset:${index}`);
  const topicIndex = random.int(0, TOPICS.length - 1);
  const topic = TOPICS[topicIndex]!;
  const year = random.int(2019, 2025);
  const identifier = `demo-dataset-${String(index).padStart(5, '0')}`;
  const id = syntheticId('Dataset', index);
  const accessLevel = pickAccessLevel(random);
  const licenceId = random.chance(accessLevel === 'PUBLIC' ? 0.8 : 0.2) ? random.pick(LICENCES).id : null;

  const issuedDaysBack = random.int(30, ANCHOR_DAYS_BACK);
  const issued = random.chance(0.92) ? daysBefore(anchor, issuedDaysBack) : null;
  const modified = issued && random.chance(0.85) ? daysBefore(anchor, random.int(0, issuedDaysBack)) : null;
  const lastReviewed = issued && random.chance(0.6) ? daysBefore(anchor, random.int(0, Math.min(issuedDaysBack, 400))) : null;
  const versionInfo = random.chance(0.4) ? `${random.int(1, 3)}.${random.int(0, 9)}` : null;

  const distributionCount = random.int(0, 3);
  const distributions: DistributionDraft[] = Array.from({ length: distributionCount }, (_, k) => {
    const format = random.chance(0.93) ? random.pick(FORMATS) : null;
    const hasDownload = random.chance(0.7);
    const byteSize = random.chance(0.75) ? random.int(2_000, 900_000_000) : null;
    const downloadUrl = hasDownload ? `https://data.example.org/demo/${identifier}/${k}.${(format ?? 'bin').toLowerCase()}` : null;
    return {
      id: stableId('Distribution', `synthetic:${index}:${k}`),
      titleVi: `${topic.vi} ${year} (${format ?? 'tệp'}, phần ${k + 1})`,
      titleEn: `${topic.en} ${year} (${format ?? 'file'}, part ${k + 1})`,
      format,
      mediaType: format && random.chance(0.85) ? FILE_FORMAT_INFO[format].mediaType : null,
      accessUrl: `https://data.example.org/demo/${identifier}`,
      downloadUrl,
      byteSize,
      checksumAlgorithm: downloadUrl && random.chance(0.5) ? ('SHA256' as const) : null,
      checksumValue: null,
      issued,
      modified,
      licenceId: random.chance(0.6) ? licenceId : null,
      synthetic: true,
      provenance: syntheticProvenance('Generated demo distribution (seed/synthetic.ts).'),
    };
  }).map((distribution) => ({
    ...distribution,
    checksumValue: distribution.checksumAlgorithm ? createHash('sha256').update(distribution.id).digest('hex') : null,
  }));

  return {
    id,
    identifier,
    titleVi: `(Mô phỏng) ${topic.vi} năm ${year}`,
    titleEn: `(Demo) ${topic.en}, ${year}`,
    descriptionVi: `Dữ liệu mô phỏng về ${topic.vi.toLowerCase()} năm ${year}, dùng để trình diễn và đo hiệu năng.`,
    descriptionEn: random.chance(0.7) ? `Synthetic data about ${topic.en.toLowerCase()} in ${year}, for demonstrations and benchmarks.` : null,
    publisherId: random.chance(0.95) ? organizationId(random.pick(PUBLISHERS)) : null,
    contactPoint: random.chance(0.6) ? { name: 'Bộ phận dữ liệu (mô phỏng)', email: `du-lieu-${random.int(1, 20)}@example.org`, url: null } : null,
    themes: random.chance(0.9) ? random.sample(topic.themes, random.int(1, topic.themes.length)) : [],
    keywords: random.sample(topic.keywords, random.int(0, topic.keywords.length)),
    accessLevel,
    licenceId,
    updateFrequency: random.chance(0.85) ? random.pick(UPDATE_FREQUENCIES) : null,
    temporalStart: random.chance(0.7) ? `${year}-01-01` : null,
    temporalEnd: random.chance(0.6) ? `${year}-12-31` : null,
    spatial: random.chance(0.8) ? HANOI_LOCATION : null,
    issued,
    modified,
    lastReviewed,
    versionInfo,
    landingPage: random.chance(0.5) ? `https://data.example.org/demo/${identifier}` : null,
    seriesId: random.chance(0.7) ? topicSeriesId(topicIndex) : null,
    synthetic: true,
    provenance: syntheticProvenance(`Generated demo dataset #${index} (seed/synthetic.ts), dates counted back from ${anchor}.`),
    distributions,
  };
}

/** Series: one per demo topic, so yearly demo datasets of a topic form a series. */
export function syntheticSeries(): CatalogueRecords['series'] {
  return TOPICS.map((topic, index) => ({
    id: topicSeriesId(index),
    titleVi: `(Mô phỏng) ${topic.vi} hằng năm`,
    titleEn: `(Demo) ${topic.en}, yearly`,
    descriptionVi: `Các bộ dữ liệu mô phỏng về ${topic.vi.toLowerCase()}, mỗi năm một bộ.`,
    descriptionEn: `Synthetic datasets about ${topic.en.toLowerCase()}, one per year.`,
    updateFrequency: 'ANNUAL' as const,
    synthetic: true,
    provenance: syntheticProvenance('Generated demo series, one per demo topic (seed/synthetic.ts).'),
  }));
}

const SYNTHETIC_SERVICES = 8;

/** Demo data services, each serving a deterministic handful of the first `datasetCount` demo datasets. */
function syntheticServices(datasetCount: number): Pick<CatalogueRecords, 'services' | 'servedDatasets'> {
  const services: CatalogueRecords['services'] = [];
  const servedDatasets: CatalogueRecords['servedDatasets'] = [];
  for (let n = 0; n < SYNTHETIC_SERVICES; n++) {
    const random = createRandom(`catalogue:service:${n}`);
    const id = syntheticId('DataService', n);
    services.push({
      id,
      titleVi: `(Mô phỏng) API dữ liệu số ${n + 1}`,
      titleEn: `(Demo) Data API no. ${n + 1}`,
      descriptionVi: 'Dịch vụ dữ liệu mô phỏng.',
      descriptionEn: 'A synthetic data service.',
      endpointUrl: `https://api.example.org/demo/${n + 1}`,
      endpointDescription: random.chance(0.5) ? `https://api.example.org/demo/${n + 1}/openapi.json` : null,
      conformsTo: random.chance(0.5) ? 'https://spec.openapis.org/oas/v3.1.0' : null,
      publisherId: organizationId(random.pick(PUBLISHERS)),
      synthetic: true,
      provenance: syntheticProvenance('Generated demo data service (seed/synthetic.ts).'),
    });
    const served = new Set(Array.from({ length: random.int(3, 12) }, () => random.int(0, datasetCount - 1)));
    for (const index of served) servedDatasets.push({ serviceId: id, datasetId: syntheticId('Dataset', index) });
  }
  return { services, servedDatasets };
}

/** Demo records for dataset indexes `from` .. `to - 1`; the first batch (from 0) also gets series and services. */
export function syntheticCatalogue(from: number, to: number, anchor: string): CatalogueRecords {
  const datasets = Array.from({ length: Math.max(0, to - from) }, (_, offset) => syntheticDataset(from + offset, anchor));
  return {
    series: syntheticSeries(),
    datasets,
    lineage: [],
    ...(from === 0 && to > 0 ? syntheticServices(to) : { services: [], servedDatasets: [] }),
  };
}
