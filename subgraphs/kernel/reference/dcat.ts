import { onPublicUrl } from '../platform/public-url';

/**
 * What the catalogue subgraph (datasets and what hangs off them) and the gateway (the
 * publishing organisations, owned by the programmes subgraph) share to write one DCAT-AP
 * document: the JSON-LD context and the IRIs of the graph's own resources. Every IRI is on
 * `PUBLIC_URL` and dereferences through the gateway to a JSON-LD (or Turtle) document.
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
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
} as const;

export const JSON_LD_MEDIA_TYPE = 'application/ld+json';
export const TURTLE_MEDIA_TYPE = 'text/turtle';

/** Where the export lives on the public URL (the gateway forwards it to the catalogue). */
export const DCAT_PATH = '/dcat';

/** A JSON-LD node object. */
export type JsonLdNode = Record<string, unknown>;

/** A whole export document: the context and the nodes it describes. */
export interface JsonLdDocument {
  '@context': typeof DCAT_CONTEXT;
  '@graph': JsonLdNode[];
}

/** The IRIs of the graph's own DCAT resources, each on `PUBLIC_URL`. */
export const dcatIris = {
  catalog: (): string => onPublicUrl(`${DCAT_PATH}/catalog`),
  dataset: (id: string): string => onPublicUrl(`${DCAT_PATH}/datasets/${id}`),
  distribution: (id: string): string => onPublicUrl(`${DCAT_PATH}/distributions/${id}`),
  series: (id: string): string => onPublicUrl(`${DCAT_PATH}/series/${id}`),
  service: (id: string): string => onPublicUrl(`${DCAT_PATH}/services/${id}`),
  publisher: (id: string): string => onPublicUrl(`${DCAT_PATH}/publishers/${id}`),
};

/** The organisation id in a publisher IRI of this graph, or null for any other IRI. */
export function publisherIdOf(iri: string): string | null {
  const prefix = dcatIris.publisher('');
  return iri.startsWith(prefix) && /^[0-9a-f-]{36}$/i.test(iri.slice(prefix.length)) ? iri.slice(prefix.length) : null;
}

/** A literal in both languages the graph keeps (Vietnamese first); undefined when neither is known. */
export function localized(vi: string | null | undefined, en: string | null | undefined): JsonLdNode[] | undefined {
  const values = [...(vi ? [{ '@value': vi, '@language': 'vi' }] : []), ...(en ? [{ '@value': en, '@language': 'en' }] : [])];
  return values.length ? values : undefined;
}
