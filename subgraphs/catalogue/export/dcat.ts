import type { DatasetModel, DataServiceModel, DistributionModel } from '../models';
import type { CatalogueExport } from '../store/export';
import { absoluteUrl } from '../config';
import {
  ACCESS_RIGHT_URIS,
  FREQUENCY_URIS,
  fileTypeUri,
  licenceById,
  mediaTypeUri,
  themeByCode,
} from '../vocabularies';

/**
 * DCAT-AP 3 as JSON-LD: what a national portal harvests. The context declares every prefix
 * used, so the document expands to plain RDF without fetching anything. Publishers are
 * named by their graph id (`urn:uuid:`): their names live in the programmes subgraph.
 */
export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  adms: 'http://www.w3.org/ns/adms#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  spdx: 'http://spdx.org/rdf/terms#',
  owl: 'http://www.w3.org/2002/07/owl#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
} as const;

export const JSON_LD_MEDIA_TYPE = 'application/ld+json';

type Node = Record<string, unknown>;

/** IRIs of the exported resources, on the origin the request came through. */
export function dcatIris(base: string) {
  return {
    catalog: `${base}/dcat/catalog`,
    dataset: (id: string) => `${base}/dcat/datasets/${id}`,
    distribution: (id: string) => `${base}/dcat/distributions/${id}`,
    series: (id: string) => `${base}/dcat/series/${id}`,
    service: (id: string) => `${base}/dcat/services/${id}`,
  };
}

const ref = (iri: string) => ({ '@id': iri });
const typed = (value: string | number, type: string) => ({ '@value': String(value), '@type': type });
const date = (value: string | null) => (value ? typed(value, 'xsd:date') : undefined);

function localized(vi: string | null, en: string | null): Node[] | undefined {
  const values = [
    ...(vi ? [{ '@value': vi, '@language': 'vi' }] : []),
    ...(en ? [{ '@value': en, '@language': 'en' }] : []),
  ];
  return values.length ? values : undefined;
}

/** Drops undefined and empty-list properties so the document states only what is known. */
function compact(node: Node): Node {
  return Object.fromEntries(Object.entries(node).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0)));
}

function licence(id: string | null) {
  const found = id ? licenceById(id) : undefined;
  return found ? { '@id': found.uri, '@type': 'dct:LicenseDocument', 'dct:identifier': found.id, 'foaf:homepage': ref(found.url) } : undefined;
}

function distributionNode(distribution: DistributionModel, base: string): Node {
  const iris = dcatIris(base);
  return compact({
    '@id': iris.distribution(distribution.id),
    '@type': 'dcat:Distribution',
    'dct:title': localized(distribution.titleVi, distribution.titleEn),
    'dct:format': distribution.format ? ref(fileTypeUri(distribution.format)) : undefined,
    'dcat:mediaType': distribution.mediaType ? ref(mediaTypeUri(distribution.mediaType)) : undefined,
    'dcat:accessURL': distribution.accessUrl ? ref(distribution.accessUrl) : undefined,
    'dcat:downloadURL': distribution.downloadUrl ? ref(distribution.downloadUrl) : undefined,
    'dcat:byteSize': distribution.byteSize != null ? typed(distribution.byteSize, 'xsd:nonNegativeInteger') : undefined,
    'spdx:checksum':
      distribution.checksumAlgorithm && distribution.checksumValue
        ? {
            '@type': 'spdx:Checksum',
            'spdx:algorithm': ref(`spdx:checksumAlgorithm_${distribution.checksumAlgorithm.toLowerCase()}`),
            'spdx:checksumValue': typed(distribution.checksumValue, 'xsd:hexBinary'),
          }
        : undefined,
    'dct:issued': date(distribution.issued),
    'dct:modified': date(distribution.modified),
    'dct:license': licence(distribution.licenceId),
  });
}

export function datasetNode(dataset: DatasetModel, distributions: DistributionModel[], base: string): Node {
  const iris = dcatIris(base);
  return compact({
    '@id': iris.dataset(dataset.id),
    '@type': 'dcat:Dataset',
    'dct:identifier': dataset.identifier,
    'adms:identifier': { '@type': 'adms:Identifier', 'skos:notation': `urn:uuid:${dataset.id}` },
    'dct:title': localized(dataset.titleVi, dataset.titleEn),
    'dct:description': localized(dataset.descriptionVi, dataset.descriptionEn),
    'dct:publisher': dataset.publisherId ? { '@id': `urn:uuid:${dataset.publisherId}`, '@type': 'foaf:Agent' } : undefined,
    'dcat:contactPoint': dataset.contactPoint
      ? compact({
          '@type': 'vcard:Kind',
          'vcard:fn': dataset.contactPoint.name,
          'vcard:hasEmail': dataset.contactPoint.email ? ref(`mailto:${dataset.contactPoint.email}`) : undefined,
          'vcard:hasURL': dataset.contactPoint.url ? ref(dataset.contactPoint.url) : undefined,
        })
      : undefined,
    'dcat:theme': dataset.themes.flatMap((code) => {
      const theme = themeByCode(code);
      return theme ? [ref(theme.uri)] : [];
    }),
    'dcat:keyword': dataset.keywords.map((keyword) => ({ '@value': keyword, '@language': 'vi' })),
    'dct:accessRights': ref(ACCESS_RIGHT_URIS[dataset.accessLevel]),
    'dct:license': licence(dataset.licenceId),
    'dct:accrualPeriodicity': dataset.updateFrequency ? ref(FREQUENCY_URIS[dataset.updateFrequency]) : undefined,
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
    'dcat:landingPage': dataset.landingPage ? ref(dataset.landingPage) : undefined,
    'dcat:inSeries': dataset.seriesId ? ref(iris.series(dataset.seriesId)) : undefined,
    'dcat:distribution': distributions.map((distribution) => distributionNode(distribution, base)),
  });
}

function serviceNode(service: DataServiceModel, servedIds: string[], base: string): Node {
  const iris = dcatIris(base);
  return compact({
    '@id': iris.service(service.id),
    '@type': 'dcat:DataService',
    'dct:title': localized(service.titleVi, service.titleEn),
    'dct:description': localized(service.descriptionVi, service.descriptionEn),
    'dcat:endpointURL': ref(absoluteUrl(service.endpointUrl, base)),
    'dcat:endpointDescription': service.endpointDescription ? ref(absoluteUrl(service.endpointDescription, base)) : undefined,
    'dct:conformsTo': service.conformsTo ? ref(service.conformsTo) : undefined,
    'dct:publisher': service.publisherId ? { '@id': `urn:uuid:${service.publisherId}`, '@type': 'foaf:Agent' } : undefined,
    'dcat:servesDataset': servedIds.map((id) => ref(iris.dataset(id))),
  });
}

function distributionsByDataset(distributions: DistributionModel[]): Map<string, DistributionModel[]> {
  const groups = new Map<string, DistributionModel[]>();
  for (const distribution of distributions) {
    const group = groups.get(distribution.datasetId) ?? [];
    group.push(distribution);
    groups.set(distribution.datasetId, group);
  }
  return groups;
}

/** The whole catalogue (dcat:Catalog with its datasets and services). */
export function catalogDocument(content: CatalogueExport, base: string): Node {
  const iris = dcatIris(base);
  const distributions = distributionsByDataset(content.distributions);
  return {
    '@context': DCAT_CONTEXT,
    '@id': iris.catalog,
    '@type': 'dcat:Catalog',
    'dct:title': localized('Danh mục dữ liệu khoa học, công nghệ và đổi mới sáng tạo Hà Nội', 'Hanoi science, technology and innovation data catalogue'),
    'dct:description': localized(
      'Các bộ dữ liệu công khai của đồ thị KH&CN Hà Nội, kèm nguồn gốc của từng chỉ tiêu.',
      'The public datasets of the Hanoi STI graph, with the lineage of each indicator.',
    ),
    'dct:language': ref('http://publications.europa.eu/resource/authority/language/VIE'),
    'foaf:homepage': ref(`${base}/graphql`),
    'dcat:dataset': content.datasets.map((dataset) => datasetNode(dataset, distributions.get(dataset.id) ?? [], base)),
    'dcat:service': content.services.map((service) =>
      serviceNode(
        service,
        content.served.filter((link) => link.serviceId === service.id).map((link) => link.datasetId),
        base,
      ),
    ),
  };
}

/** One dataset as a document of its own. */
export function datasetDocument(content: CatalogueExport, base: string): Node {
  const dataset = content.datasets[0]!;
  return { '@context': DCAT_CONTEXT, ...datasetNode(dataset, content.distributions, base) };
}
