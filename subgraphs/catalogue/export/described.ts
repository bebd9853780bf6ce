import type { JsonLdNode } from '../../kernel/reference/dcat';
import {
  ACCESS_RIGHT_URIS,
  FILE_FORMAT_INFO,
  FREQUENCY_URIS,
  fileTypeUri,
  mediaTypeUri,
  type AccessLevel,
  type DataTheme,
  type FileFormat,
  type Licence,
  type UpdateFrequency,
} from '../vocabularies';

export type Ref = { '@id': string };

const EU_DATA_THEME_SCHEME = 'http://publications.europa.eu/resource/authority/data-theme';
export const VIETNAMESE = 'http://publications.europa.eu/resource/authority/language/VIE';

const ACCESS_RIGHT_LABELS: Record<AccessLevel, string> = { PUBLIC: 'Public', RESTRICTED: 'Restricted', INTERNAL: 'Non-public' };
const FREQUENCY_LABELS: Record<UpdateFrequency, string> = {
  DAILY: 'Daily',
  WEEKLY: 'Weekly',
  MONTHLY: 'Monthly',
  QUARTERLY: 'Quarterly',
  SEMIANNUAL: 'Semiannual',
  ANNUAL: 'Annual',
  IRREGULAR: 'Irregular',
  NEVER: 'Never',
};

/**
 * The resources a document points at but does not own (EU vocabulary terms, licences, web
 * pages, publishers), each described once in the document's `@graph` with the class the
 * DCAT-AP shapes expect of it: SHACL checks a value's class in the document itself, so a theme
 * is only a `skos:Concept` if the document says so. A resource reached in two roles (a page
 * that is a landing page and an access URL) gets both classes.
 */
export class DescribedResources {
  private readonly nodes = new Map<string, { types: Set<string>; properties: JsonLdNode }>();

  private describe(iri: string, type: string, properties: JsonLdNode = {}): Ref {
    const known = this.nodes.get(iri);
    if (known) known.types.add(type);
    else this.nodes.set(iri, { types: new Set([type]), properties });
    return { '@id': iri };
  }

  /** The `@graph` entries, in the order first referenced. */
  all(): JsonLdNode[] {
    return [...this.nodes].map(([iri, { types, properties }]) => ({ '@id': iri, '@type': [...types], ...properties }));
  }

  theme(theme: DataTheme): Ref {
    this.themeScheme();
    return this.describe(theme.uri, 'skos:Concept', {
      'skos:prefLabel': [
        { '@value': theme.nameVi, '@language': 'vi' },
        { '@value': theme.nameEn, '@language': 'en' },
      ],
      'skos:inScheme': { '@id': EU_DATA_THEME_SCHEME },
    });
  }

  themeScheme(): Ref {
    return this.describe(EU_DATA_THEME_SCHEME, 'skos:ConceptScheme', { 'dct:title': { '@value': 'Data theme', '@language': 'en' } });
  }

  fileType(format: FileFormat): Ref {
    return this.describe(fileTypeUri(format), 'dct:MediaTypeOrExtent', { 'rdfs:label': FILE_FORMAT_INFO[format].euCode });
  }

  mediaType(mediaType: string): Ref {
    return this.describe(mediaTypeUri(mediaType), 'dct:MediaType', { 'rdfs:label': mediaType });
  }

  accessRights(level: AccessLevel): Ref {
    return this.describe(ACCESS_RIGHT_URIS[level], 'dct:RightsStatement', { 'rdfs:label': { '@value': ACCESS_RIGHT_LABELS[level], '@language': 'en' } });
  }

  frequency(frequency: UpdateFrequency): Ref {
    return this.describe(FREQUENCY_URIS[frequency], 'dct:Frequency', { 'rdfs:label': { '@value': FREQUENCY_LABELS[frequency], '@language': 'en' } });
  }

  checksumAlgorithm(algorithm: string): Ref {
    return this.describe(`http://spdx.org/rdf/terms#checksumAlgorithm_${algorithm.toLowerCase()}`, 'spdx:ChecksumAlgorithm');
  }

  licence(licence: Licence): Ref {
    return this.describe(licence.uri, 'dct:LicenseDocument', {
      'dct:identifier': licence.id,
      'rdfs:label': licence.title,
      'foaf:homepage': this.webPage(licence.url),
    });
  }

  language(iri: string): Ref {
    return this.describe(iri, 'dct:LinguisticSystem');
  }

  standard(iri: string): Ref {
    return this.describe(iri, 'dct:Standard');
  }

  /** A page for people (landing page, homepage): `foaf:Document`. */
  webPage(url: string): Ref {
    return this.describe(url, 'foaf:Document');
  }

  /** Any other address (access, download, endpoint URLs): `rdfs:Resource`. */
  resource(url: string): Ref {
    return this.describe(url, 'rdfs:Resource');
  }

  /** A publishing organisation: its name lives in the programmes subgraph; the gateway adds it (gateway/dcat). */
  agent(iri: string): Ref {
    return this.describe(iri, 'foaf:Agent');
  }
}
