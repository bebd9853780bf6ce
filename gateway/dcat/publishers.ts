import type { ApolloServer } from '@apollo/server';
import { ANONYMOUS } from '../../subgraphs/kernel/identity/caller';
import { dcatIris, localized, publisherIdOf, type JsonLdDocument, type JsonLdNode } from '../../subgraphs/kernel/reference/dcat';
import { ErrorCode } from '../../subgraphs/kernel/platform/errors';
import type { GatewayContext } from '../auth';

/** What the export says of a publishing organisation (owned by the programmes subgraph). */
export interface Publisher {
  id: string;
  name: { vi: string; en: string | null };
  website: string | null;
}

/** Finds organisations by id; unknown ids are missing from the answer. */
export type FindPublishers = (ids: string[]) => Promise<Map<string, Publisher>>;

/** The context of an anonymous client (the data source signs its caller assertion). */
const anonymous: GatewayContext = { caller: ANONYMOUS };

/** Aliased lookups per operation, well under the gateway's alias limit. */
const BATCH = 50;

/**
 * Organisations looked up through the graph itself, as an anonymous client would (same
 * access rules, same limits), without an HTTP round trip: the export needs their names and
 * they live in another subgraph than the datasets.
 */
export function publishersThroughGraph(apollo: ApolloServer): FindPublishers {
  return async (ids) => {
    const found = new Map<string, Publisher>();
    for (let start = 0; start < ids.length; start += BATCH) {
      const batch = ids.slice(start, start + BATCH);
      const variables = Object.fromEntries(batch.map((id, index) => [`o${index}`, id]));
      const query = `query DcatPublishers(${batch.map((_, index) => `$o${index}: ID!`).join(', ')}) { ${batch
        .map((_, index) => `o${index}: organization(id: $o${index}) { id name { vi en } website }`)
        .join(' ')} }`;
      const response = await apollo.executeOperation<Record<string, Publisher | null>>({ query, variables }, { contextValue: anonymous });
      if (response.body.kind !== 'single') throw new Error('Unexpected incremental answer to the publisher lookup');
      // NOT_FOUND is an unknown organisation; anything else (programmes down) must not pass for one.
      const failure = response.body.singleResult.errors?.find((error) => error.extensions?.code !== ErrorCode.NotFound);
      if (failure) throw new Error(`The publisher lookup failed: ${failure.message}`);
      for (const publisher of Object.values(response.body.singleResult.data ?? {})) if (publisher) found.set(publisher.id, publisher);
    }
    return found;
  };
}

/** A publisher as DCAT-AP wants it: a `foaf:Agent` with a `foaf:name`. */
export function agentNode(publisher: Publisher): JsonLdNode {
  return {
    '@id': dcatIris.publisher(publisher.id),
    '@type': 'foaf:Agent',
    'foaf:name': localized(publisher.name.vi, publisher.name.en),
    ...(publisher.website ? { 'foaf:homepage': { '@id': publisher.website } } : {}),
  };
}

const hasType = (node: JsonLdNode, type: string) => node['@type'] === type || (Array.isArray(node['@type']) && node['@type'].includes(type));

/**
 * Names the publishers a catalogue document points at: each `foaf:Agent` of the document's
 * `@graph` on a publisher IRI gets its name from the graph. An organisation the graph does not
 * know (a dataset naming an id that was never an organisation) is dropped with every link to
 * it, rather than exported as a publisher without a name.
 */
export async function withPublishers(document: JsonLdDocument, findPublishers: FindPublishers): Promise<JsonLdDocument> {
  const ids = document['@graph'].flatMap((node) => {
    const id = typeof node['@id'] === 'string' && hasType(node, 'foaf:Agent') ? publisherIdOf(node['@id']) : null;
    return id ? [id] : [];
  });
  const found = await findPublishers(ids);
  const unknown = new Set(ids.filter((id) => !found.has(id)).map((id) => dcatIris.publisher(id)));
  const graph = document['@graph'].flatMap((node) => {
    const id = typeof node['@id'] === 'string' ? publisherIdOf(node['@id']) : null;
    const publisher = id ? found.get(id) : undefined;
    if (publisher && hasType(node, 'foaf:Agent')) return [agentNode(publisher)];
    if (typeof node['@id'] === 'string' && unknown.has(node['@id'])) return [];
    return [withoutLinksTo(node, unknown)];
  });
  return { ...document, '@graph': graph };
}

/** `node` (and the nodes nested in it) without `dct:publisher` links to `iris`. */
function withoutLinksTo(node: JsonLdNode, iris: Set<string>): JsonLdNode {
  if (!iris.size) return node;
  const linksTo = (value: unknown) => isNode(value) && typeof value['@id'] === 'string' && iris.has(value['@id']);
  return Object.fromEntries(
    Object.entries(node).flatMap(([key, value]): Array<[string, unknown]> => {
      if (key === 'dct:publisher' && linksTo(value)) return [];
      if (Array.isArray(value)) return [[key, value.map((item) => (isNode(item) ? withoutLinksTo(item, iris) : item))]];
      return [[key, isNode(value) ? withoutLinksTo(value, iris) : value]];
    }),
  );
}

const isNode = (value: unknown): value is JsonLdNode => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The document `/dcat/publishers/<id>` answers with. */
export function publisherDocument(context: JsonLdDocument['@context'], publisher: Publisher): JsonLdDocument {
  return { '@context': context, '@graph': [agentNode(publisher)] };
}
