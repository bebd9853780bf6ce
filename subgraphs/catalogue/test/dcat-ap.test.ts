import { request } from 'node:http';
import { eq } from 'drizzle-orm';
import { Parser, Store } from 'n3';
import { startTestGraph, type TestGraph } from '../../../gateway/testing';
import type { Db } from '../../kernel/platform/db';
import { organizationId, REGISTRY_STEWARD_ID } from '../../kernel/reference/seed-refs';
import * as schema from '../db/schema';
import { closeValidators, DCAT_AP_VERSIONS, jsonLdToStore, violations } from './shacl';

/** Where the graph says it lives; deliberately not the gateway's own address, and with a path. */
const PUBLIC_URL = 'https://sti.example.gov.vn/graph';
const previousPublicUrl = process.env.PUBLIC_URL;
process.env.PUBLIC_URL = PUBLIC_URL;

let graph: TestGraph;
let db: Db<typeof schema>;
const gatewayOrigin = () => new URL(graph.gateway.url).origin;
/** An IRI of the export, fetched where the test's gateway listens. */
const onGateway = (iri: string) => `${gatewayOrigin()}${iri.slice(PUBLIC_URL.length)}`;

beforeAll(async () => {
  graph = await startTestGraph({ only: ['programmes', 'catalogue'] });
  db = graph.dbOf('catalogue');
});
afterAll(async () => {
  await closeValidators();
  await graph?.stop();
  process.env.PUBLIC_URL = previousPublicUrl;
});

type Document = { '@context': Record<string, string>; '@graph': Array<Record<string, unknown>> };

async function getJsonLd(path: string): Promise<Document> {
  const response = await fetch(`${gatewayOrigin()}${path}`);
  expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({
    path,
    status: 200,
    type: expect.stringMatching(/^application\/ld\+json/),
  });
  return (await response.json()) as Document;
}

const catalogNode = (document: Document) => document['@graph'].find((node) => node['@type'] === 'dcat:Catalog')!;
const ids = (value: unknown) => (Array.isArray(value) ? value : [value]).map((item) => String((item as { '@id': string })['@id']));

/** Every IRI of the graph's own resources that `store` mentions, subject or object. */
function ownIris(store: Store): string[] {
  const found = new Set<string>();
  for (const quad of store) {
    for (const term of [quad.subject, quad.object]) if (term.termType === 'NamedNode' && term.value.startsWith(`${PUBLIC_URL}/dcat/`)) found.add(term.value);
  }
  return [...found].sort();
}

/** A plain HTTP GET with any headers, `Host` included (fetch will not forge that one). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('DCAT-AP 3 export validates against the official SHACL shapes', () => {
  it.each(DCAT_AP_VERSIONS)('the whole catalogue has 0 violations of DCAT-AP %s', async (version) => {
    const document = await getJsonLd('/dcat/catalog.jsonld');
    const publicCount = (await db.select({ id: schema.datasets.id }).from(schema.datasets).where(eq(schema.datasets.accessLevel, 'PUBLIC'))).length;
    expect(ids(catalogNode(document)['dcat:dataset'])).toHaveLength(publicCount);
    expect(await violations(await jsonLdToStore(document), version)).toEqual([]);
  });

  it('the shapes do find what is wrong: publishers without names fail, one violation per agent', async () => {
    const document = await getJsonLd('/dcat/catalog.jsonld');
    const broken: Document = {
      ...document,
      '@graph': document['@graph'].map((node) => (node['@type'] === 'foaf:Agent' ? { '@id': node['@id'], '@type': 'foaf:Agent' } : node)),
    };
    const store = await jsonLdToStore(broken);
    const found = await violations(store, '3.0.1');
    expect(found.filter((violation) => violation.path === 'http://xmlns.com/foaf/0.1/name').length).toBe(
      document['@graph'].filter((node) => node['@type'] === 'foaf:Agent').length,
    );
  });

  it('every publisher is named from the programmes subgraph, the catalogue included', async () => {
    const document = await getJsonLd('/dcat/catalog.jsonld');
    expect(catalogNode(document)['dct:publisher']).toEqual({ '@id': `${PUBLIC_URL}/dcat/publishers/${REGISTRY_STEWARD_ID}` });
    const { organization } = await graph.queryOk<{ organization: { name: { vi: string } } }>('query ($id: ID!) { organization(id: $id) { name { vi } } }', {
      id: organizationId('so-khdt-ha-noi'),
    });
    const agent = document['@graph'].find((node) => node['@id'] === `${PUBLIC_URL}/dcat/publishers/${organizationId('so-khdt-ha-noi')}`);
    expect(agent).toMatchObject({ '@type': 'foaf:Agent', 'foaf:name': expect.arrayContaining([{ '@value': organization.name.vi, '@language': 'vi' }]) });
  });

  it('controlled vocabularies are typed as the shapes expect (EU themes, file types, frequencies, access rights)', async () => {
    const document = await getJsonLd('/dcat/catalog.jsonld');
    const typeOf = (iri: string) => document['@graph'].find((node) => node['@id'] === iri)?.['@type'];
    const eu = 'http://publications.europa.eu/resource/authority';
    expect(typeOf(`${eu}/data-theme/ECON`)).toEqual(['skos:Concept']);
    expect(typeOf(`${eu}/file-type/CSV`)).toEqual(['dct:MediaTypeOrExtent']);
    expect(typeOf(`${eu}/frequency/ANNUAL`)).toEqual(['dct:Frequency']);
    expect(typeOf(`${eu}/access-right/PUBLIC`)).toEqual(['dct:RightsStatement']);
    expect(typeOf('https://www.iana.org/assignments/media-types/text/csv')).toEqual(['dct:MediaType']);
  });
});

describe('every IRI of the export dereferences through the gateway', () => {
  it('catalogue, datasets, distributions, series, services and publishers each answer with a valid JSON-LD document about themselves', async () => {
    const catalog = await getJsonLd('/dcat/catalog.jsonld');
    const iris = ownIris(await jsonLdToStore(catalog));
    const kinds = new Set(iris.map((iri) => iri.slice(`${PUBLIC_URL}/dcat/`.length).split('/')[0]));
    expect(kinds).toEqual(new Set(['catalog', 'datasets', 'distributions', 'series', 'services', 'publishers']));
    const validated = new Set<string>();
    for (const iri of iris) {
      const response = await fetch(onGateway(iri));
      expect({ iri, status: response.status }).toEqual({ iri, status: 200 });
      expect(response.headers.get('content-type')).toMatch(/^application\/ld\+json/);
      const document = (await response.json()) as Document;
      expect({ iri, described: document['@graph'].some((node) => node['@id'] === iri) }).toEqual({ iri, described: true });
      // One document of each kind through the shapes as well (the catalogue above holds them all).
      const kind = iri.slice(`${PUBLIC_URL}/dcat/`.length).split('/')[0]!;
      if (!validated.has(kind)) {
        validated.add(kind);
        expect({ iri, violations: await violations(await jsonLdToStore(document), '3.0.1') }).toEqual({ iri, violations: [] });
      }
    }
    expect(validated.size).toBe(6);
  });

  it('resources outside the export answer 404: a hidden dataset, its distributions and unknown ids', async () => {
    const [hidden] = await db.select().from(schema.datasets).where(eq(schema.datasets.identifier, 'csdl-khcn-ha-noi'));
    const hiddenWithFile = (await db.select().from(schema.distributions)).find(
      (distribution) => distribution.datasetId !== hidden!.id && distribution.datasetId,
    );
    const privateDistribution = await db
      .select({ id: schema.distributions.id })
      .from(schema.distributions)
      .innerJoin(schema.datasets, eq(schema.datasets.id, schema.distributions.datasetId))
      .where(eq(schema.datasets.accessLevel, 'INTERNAL'))
      .limit(1);
    expect(hiddenWithFile).toBeDefined();
    for (const path of [
      `/dcat/datasets/${hidden!.id}.jsonld`,
      `/dcat/datasets/csdl-khcn-ha-noi.ttl`,
      `/dcat/distributions/${privateDistribution[0]!.id}`,
      '/dcat/series/00000000-0000-4000-8000-000000000000',
      '/dcat/services/00000000-0000-4000-8000-000000000000.jsonld',
      '/dcat/publishers/00000000-0000-4000-8000-000000000000',
      '/dcat/publishers/not-an-id',
    ]) {
      const response = await fetch(`${gatewayOrigin()}${path}`);
      expect({
        path,
        status: response.status,
        code: ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code,
      }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
    }
  });
});

describe('Turtle beside JSON-LD', () => {
  it('`.ttl` and `Accept: text/turtle` give the same triples as the JSON-LD, and they validate', async () => {
    const fromJsonLd = await jsonLdToStore(await getJsonLd('/dcat/catalog.jsonld'));
    const bySuffix = await fetch(`${gatewayOrigin()}/dcat/catalog.ttl`);
    const byAccept = await fetch(`${gatewayOrigin()}/dcat/catalog`, { headers: { accept: 'text/turtle' } });
    for (const response of [bySuffix, byAccept]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/turtle/);
      const store = new Store(new Parser({ format: 'Turtle' }).parse(await response.text()));
      expect(store.size).toBe(fromJsonLd.size);
      const named = (s: Store) =>
        s
          .getQuads(null, null, null, null)
          .filter((q) => q.subject.termType === 'NamedNode' && q.object.termType !== 'BlankNode')
          .map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`)
          .sort();
      expect(named(store)).toEqual(named(fromJsonLd));
      expect(await violations(store, '3.0.0')).toEqual([]);
    }
    expect(byAccept.headers.get('vary')).toMatch(/Accept/i);
  });

  it('Turtle follows the catalogue: a dataset published after a harvest is in the next one', async () => {
    expect((await fetch(`${gatewayOrigin()}/dcat/catalog.ttl`)).status).toBe(200);
    const editor = graph.as('editor', organizationId('so-khcn-ha-noi'));
    const { publishDataset } = await editor.queryOk<{ publishDataset: { dataset: { id: string } } }>(
      'mutation ($input: PublishDatasetInput!) { publishDataset(input: $input) { dataset { id } } }',
      {
        input: {
          identifier: 'so-khcn-turtle-moi',
          titleVi: 'Bộ dữ liệu mới',
          descriptionVi: 'Mô tả.',
          publisherId: organizationId('so-khcn-ha-noi'),
          accessLevel: 'PUBLIC',
        },
      },
    );
    const after = await (await fetch(`${gatewayOrigin()}/dcat/catalog.ttl`)).text();
    expect(after).toContain(`<${PUBLIC_URL}/dcat/datasets/${publishDataset.dataset.id}>`);
  });

  it('a dataset and a publisher answer in Turtle too; an Accept the export cannot meet gets 406', async () => {
    for (const path of ['/dcat/datasets/so-khdt-chi-tieu-ctr07.ttl', `/dcat/publishers/${organizationId('so-khdt-ha-noi')}.ttl`]) {
      const response = await fetch(`${gatewayOrigin()}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(new Parser({ format: 'Turtle' }).parse(await response.text()).length).toBeGreaterThan(2);
    }
    const refused = await fetch(`${gatewayOrigin()}/dcat/catalog`, { headers: { accept: 'image/png' } });
    expect(refused.status).toBe(406);
  });
});

describe('links come from PUBLIC_URL only (issue 12)', () => {
  const forged = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' };

  it('attack: a forged Host / X-Forwarded-Host on the gateway does not reach the export links, in JSON-LD or Turtle', async () => {
    for (const path of [
      '/dcat/catalog.jsonld',
      '/dcat/catalog.ttl',
      '/dcat/datasets/so-khdt-chi-tieu-ctr07',
      `/dcat/publishers/${organizationId('so-khdt-ha-noi')}`,
    ]) {
      const { status, body } = await rawGet(`${gatewayOrigin()}${path}`, forged);
      expect({ path, status, leaked: body.includes('evil.example') }).toEqual({ path, status: 200, leaked: false });
      expect(body).toContain(`${PUBLIC_URL}/dcat/`);
    }
  });

  it('attack: the same headers sent straight to the catalogue subgraph change nothing either', async () => {
    const { status, body } = await rawGet(`${new URL(graph.subgraphs.catalogue!.url).origin}/dcat/catalog.jsonld`, forged);
    expect(status).toBe(200);
    expect(body).not.toContain('evil.example');
    expect(body).toContain(`"${PUBLIC_URL}/dcat/catalog"`);
  });

  it('attack: a forged Host on a GraphQL request does not reach a data service endpoint URL', async () => {
    const { body } = await rawGet(`${gatewayOrigin()}/graphql?query=${encodeURIComponent('{ dataServices(first: 100) { nodes { endpointUrl } } }')}`, {
      ...forged,
      'apollo-require-preflight': 'true',
    });
    const urls = (JSON.parse(body) as { data: { dataServices: { nodes: Array<{ endpointUrl: string }> } } }).data.dataServices.nodes.map(
      (node) => node.endpointUrl,
    );
    expect(urls).toContain(`${PUBLIC_URL}/graphql`);
    expect(urls.some((url) => url.includes('evil.example'))).toBe(false);
  });
});

describe('a distribution without an access URL cannot be created', () => {
  const CREATE = 'mutation ($input: CreateDistributionInput!) { createDistribution(input: $input) { distribution { id } } }';
  const UPDATE = 'mutation ($input: UpdateDistributionInput!) { updateDistribution(input: $input) { distribution { id } } }';

  it('createDistribution and publishDataset refuse one (schema), updateDistribution refuses to clear it', async () => {
    const editor = graph.as('editor', organizationId('so-khcn-ha-noi'));
    const [dataset] = await db
      .select()
      .from(schema.datasets)
      .where(eq(schema.datasets.publisherId, organizationId('so-khcn-ha-noi')))
      .limit(1);
    const before = (await db.select({ id: schema.distributions.id }).from(schema.distributions)).length;
    const created = await editor.query(CREATE, { input: { datasetId: dataset!.id, titleVi: 'Không địa chỉ', downloadUrl: 'https://data.example.org/x.csv' } });
    expect(created.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(created.errors?.[0]?.message).toMatch(/accessUrl/);
    const published = await editor.query('mutation ($input: PublishDatasetInput!) { publishDataset(input: $input) { dataset { id } } }', {
      input: {
        identifier: 'khong-dia-chi',
        titleVi: 'Không địa chỉ',
        accessLevel: 'PUBLIC',
        distributions: [{ titleVi: 'Tệp', downloadUrl: 'https://data.example.org/y.csv' }],
      },
    });
    expect(published.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(published.errors?.[0]?.message).toMatch(/accessUrl/);

    const [distribution] = await db.select().from(schema.distributions).where(eq(schema.distributions.datasetId, dataset!.id)).limit(1);
    const target =
      distribution ??
      (
        await editor.queryOk<{ createDistribution: { distribution: { id: string } } }>(CREATE, {
          input: { datasetId: dataset!.id, titleVi: 'Tệp', accessUrl: 'https://data.example.org/z' },
        })
      ).createDistribution.distribution;
    const [row] = await db.select().from(schema.distributions).where(eq(schema.distributions.id, target.id));
    const cleared = await editor.query(UPDATE, { input: { id: row!.id, expectedVersion: row!.version, accessUrl: null } });
    expect(cleared.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.accessUrl' });
    const [after] = await db.select().from(schema.distributions).where(eq(schema.distributions.id, row!.id));
    expect(after!.accessUrl).toBe(row!.accessUrl);
    expect((await db.select({ id: schema.distributions.id }).from(schema.distributions)).length).toBe(before + (distribution ? 0 : 1));
  });
});

// Last: it stops the programmes subgraph.
describe('when the publishers cannot be named', () => {
  it('the export answers 503 SERVICE_UNAVAILABLE rather than a catalogue without publishers', async () => {
    await graph.subgraphs.programmes!.stop();
    for (const path of ['/dcat/catalog.jsonld', '/dcat/datasets/so-khdt-chi-tieu-ctr07.ttl', `/dcat/publishers/${organizationId('so-khdt-ha-noi')}`]) {
      const response = await fetch(`${gatewayOrigin()}${path}`);
      const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect({ path, status: response.status, code: body.errors[0]!.extensions.code }).toEqual({ path, status: 503, code: 'SERVICE_UNAVAILABLE' });
    }
  });
});
