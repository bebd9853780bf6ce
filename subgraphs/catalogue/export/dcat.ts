import { DCAT_CONTEXT, dcatIris, localized, type JsonLdDocument, type JsonLdNode } from '../../kernel/reference/dcat';
import { absoluteOnPublicUrl, onPublicUrl } from '../../kernel/platform/public-url';
import type { DatasetModel, DatasetSeriesModel, DataServiceModel, DistributionModel } from '../models';
import type { CatalogueExport } from '../store/export';
import { licenceById, themeByCode } from '../vocabularies';
import { DescribedResources, VIETNAMESE, type Ref } from './described';

/**
 * DCAT-AP 3 as JSON-LD: what a national portal harvests, valid against the official DCAT-AP
 * 3.0.x SHACL shapes (test/dcat-ap.test.ts). Each document is a `@graph`: the resources the
 * catalogue owns (catalogue, datasets, distributions, series, data services), then every
 * resource they point at, typed as the shapes expect (export/described.ts). Publishers are
 * `foaf:Agent`s on `/dcat/publishers/<id>`; their names live in the programmes subgraph and
 * the gateway adds them. All IRIs come from `PUBLIC_URL`, never from the request.
 */

const typed = (value: string | number, type: string) => ({ '@value': String(value), '@type': type });
const date = (value: string | null) => (value ? typed(value, 'xsd:date') : undefined);

/** Drops undefined and empty-list properties so the document states only what is known. */
function compact(node: JsonLdNode): JsonLdNode {
  return Object.fromEntries(Object.entries(node).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0)));
}

const document = (nodes: JsonLdNode[], described: DescribedResources): JsonLdDocument => ({
  '@context': DCAT_CONTEXT,
  '@graph': [...nodes, ...described.all()],
});

function licence(id: string | null, described: DescribedResources): Ref | undefined {
  const found = id ? licenceById(id) : undefined;
  return found ? described.licence(found) : undefined;
}

function distributionNode(distribution: DistributionModel, described: DescribedResources): JsonLdNode {
  const accessUrl = distribution.accessUrl ?? distribution.downloadUrl;
  return compact({
    '@id': dcatIris.distribution(distribution.id),
    '@type': 'dcat:Distribution',
    'dct:title': localized(distribution.titleVi, distribution.titleEn),
    'dct:format': distribution.format ? described.fileType(distribution.format) : undefined,
    'dcat:mediaType': distribution.mediaType ? described.mediaType(distribution.mediaType) : undefined,
    // Mandatory; rows written before the API required it fall back to their download URL, as DCAT allows.
    'dcat:accessURL': accessUrl ? described.resource(accessUrl) : undefined,
    'dcat:downloadURL': distribution.downloadUrl ? described.resource(distribution.downloadUrl) : undefined,
    'dcat:byteSize': distribution.byteSize != null ? typed(distribution.byteSize, 'xsd:nonNegativeInteger') : undefined,
    'spdx:checksum':
      distribution.checksumAlgorithm && distribution.checksumValue
        ? {
            '@type': 'spdx:Checksum',
            'spdx:algorithm': described.checksumAlgorithm(distribution.checksumAlgorithm),
            'spdx:checksumValue': typed(distribution.checksumValue, 'xsd:hexBinary'),
          }
        : undefined,
    'dct:issued': date(distribution.issued),
    'dct:modified': date(distribution.modified),
    'dct:license': licence(distribution.licenceId, described),
  });
}

function seriesNode(series: DatasetSeriesModel, described: DescribedResources): JsonLdNode {
  return compact({
    '@id': dcatIris.series(series.id),
    '@type': 'dcat:DatasetSeries',
    'dct:title': localized(series.titleVi, series.titleEn),
    'dct:description': localized(series.descriptionVi, series.descriptionEn),
    'dct:accrualPeriodicity': series.updateFrequency ? described.frequency(series.updateFrequency) : undefined,
  });
}

function datasetNode(dataset: DatasetModel, distributions: DistributionModel[], described: DescribedResources): JsonLdNode {
  return compact({
    '@id': dcatIris.dataset(dataset.id),
    '@type': 'dcat:Dataset',
    'dct:identifier': dataset.identifier,
    'adms:identifier': { '@type': 'adms:Identifier', 'skos:notation': `urn:uuid:${dataset.id}` },
    'dct:title': localized(dataset.titleVi, dataset.titleEn),
    'dct:description': localized(dataset.descriptionVi, dataset.descriptionEn),
    'dct:publisher': dataset.publisherId ? described.agent(dcatIris.publisher(dataset.publisherId)) : undefined,
    'dcat:contactPoint': dataset.contactPoint
      ? compact({
          '@type': 'vcard:Kind',
          'vcard:fn': dataset.contactPoint.name,
          'vcard:hasEmail': dataset.contactPoint.email ? { '@id': `mailto:${dataset.contactPoint.email}` } : undefined,
          'vcard:hasURL': dataset.contactPoint.url ? { '@id': dataset.contactPoint.url } : undefined,
        })
      : undefined,
    'dcat:theme': dataset.themes.flatMap((code) => {
      const theme = themeByCode(code);
      return theme ? [described.theme(theme)] : [];
    }),
    'dcat:keyword': dataset.keywords.map((keyword) => ({ '@value': keyword, '@language': 'vi' })),
    'dct:accessRights': described.accessRights(dataset.accessLevel),
    'dct:license': licence(dataset.licenceId, described),
    'dct:accrualPeriodicity': dataset.updateFrequency ? described.frequency(dataset.updateFrequency) : undefined,
    'dct:temporal':
      dataset.temporalStart || dataset.temporalEnd
        ? compact({ '@type': 'dct:PeriodOfTime', 'dcat:startDate': date(dataset.temporalStart), 'dcat:endDate': date(dataset.temporalEnd) })
        : undefined,
    'dct:spatial': dataset.spatial
      ? compact({
          ...(dataset.spatial.uri ? { '@id': dataset.spatial.uri } : {}),
          '@type': 'dct:Location',
          'skos:prefLabel': localized(dataset.spatial.nameVi, dataset.spatial.nameEn),
        })
      : undefined,
    'dct:issued': date(dataset.issued),
    'dct:modified': date(dataset.modified),
    'dcat:version': dataset.versionInfo ?? undefined,
    'dcat:landingPage': dataset.landingPage ? described.webPage(dataset.landingPage) : undefined,
    'dcat:inSeries': dataset.seriesId ? { '@id': dcatIris.series(dataset.seriesId) } : undefined,
    'dcat:distribution': distributions.map((distribution) => distributionNode(distribution, described)),
  });
}

function serviceNode(service: DataServiceModel, servedIds: string[], described: DescribedResources): JsonLdNode {
  return compact({
    '@id': dcatIris.service(service.id),
    '@type': 'dcat:DataService',
    'dct:title': localized(service.titleVi, service.titleEn),
    'dct:description': localized(service.descriptionVi, service.descriptionEn),
    'dcat:endpointURL': described.resource(absoluteOnPublicUrl(service.endpointUrl)),
    'dcat:endpointDescription': service.endpointDescription ? described.resource(absoluteOnPublicUrl(service.endpointDescription)) : undefined,
    'dct:conformsTo': service.conformsTo ? described.standard(service.conformsTo) : undefined,
    'dct:publisher': service.publisherId ? described.agent(dcatIris.publisher(service.publisherId)) : undefined,
    'dcat:servesDataset': servedIds.map((id) => ({ '@id': dcatIris.dataset(id) })),
  });
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** The datasets of `content` with their distributions, and the series they are in. */
function datasetNodes(content: CatalogueExport, described: DescribedResources): { datasets: JsonLdNode[]; series: JsonLdNode[] } {
  const distributions = groupBy(content.distributions, (distribution) => distribution.datasetId);
  return {
    datasets: content.datasets.map((dataset) => datasetNode(dataset, distributions.get(dataset.id) ?? [], described)),
    series: content.series.map((series) => seriesNode(series, described)),
  };
}

/** Who publishes the catalogue itself (`DCAT_CATALOG_PUBLISHER_ID`, see config.ts). */
export interface CatalogInfo {
  publisherId: string;
}

/** The whole catalogue (dcat:Catalog with its datasets, series and services). */
export function catalogDocument(content: CatalogueExport, info: CatalogInfo): JsonLdDocument {
  const described = new DescribedResources();
  const { datasets, series } = datasetNodes(content, described);
  const served = groupBy(content.served, (link) => link.serviceId);
  const catalog = {
    '@id': dcatIris.catalog(),
    '@type': 'dcat:Catalog',
    'dct:title': localized('Danh mục dữ liệu khoa học, công nghệ và đổi mới sáng tạo Hà Nội', 'Hanoi science, technology and innovation data catalogue'),
    'dct:description': localized(
      'Các bộ dữ liệu công khai của đồ thị KH&CN Hà Nội, kèm nguồn gốc của từng chỉ tiêu.',
      'The public datasets of the Hanoi STI graph, with the lineage of each indicator.',
    ),
    'dct:publisher': described.agent(dcatIris.publisher(info.publisherId)),
    'dct:language': described.language(VIETNAMESE),
    'foaf:homepage': described.webPage(onPublicUrl('/graphql')),
    'dcat:themeTaxonomy': described.themeScheme(),
    'dcat:dataset': datasets,
    'dcat:service': content.services.map((service) =>
      serviceNode(
        service,
        (served.get(service.id) ?? []).map((link) => link.datasetId),
        described,
      ),
    ),
  };
  return document([catalog, ...series], described);
}

/** One dataset with its distributions and its series. */
export function datasetDocument(content: CatalogueExport): JsonLdDocument {
  const described = new DescribedResources();
  const { datasets, series } = datasetNodes(content, described);
  return document([...datasets, ...series], described);
}

/** One distribution (of a dataset the export holds). */
export function distributionDocument(distribution: DistributionModel): JsonLdDocument {
  const described = new DescribedResources();
  return document([distributionNode(distribution, described)], described);
}

/** One series. */
export function seriesDocument(series: DatasetSeriesModel): JsonLdDocument {
  const described = new DescribedResources();
  return document([seriesNode(series, described)], described);
}

/** One data service, with the exported datasets it serves described in full. */
export function serviceDocument(service: DataServiceModel, content: CatalogueExport): JsonLdDocument {
  const described = new DescribedResources();
  const { datasets, series } = datasetNodes(content, described);
  const node = serviceNode(
    service,
    content.datasets.map((dataset) => dataset.id),
    described,
  );
  return document([node, ...datasets, ...series], described);
}
