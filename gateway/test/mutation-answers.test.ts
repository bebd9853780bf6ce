import { indicatorId } from '../../subgraphs/kernel/reference/seed-refs';
import { startTestGraph, type TestClient, type TestGraph } from '../testing';

/**
 * A mutation answers with what its own write committed (kernel/subgraph/committed.ts), in every
 * subgraph that updates records: two aliased updates of one record in one document, the second
 * expecting the version the first wrote, must each answer with their own committed values, never
 * with what the request read before (an earlier mutation's copy in the request's loaders).
 */
let graph: TestGraph;
let admin: TestClient;

beforeAll(async () => {
  graph = await startTestGraph();
  admin = graph.as('admin');
}, 180_000); // five seeded subgraphs on a busy machine
afterAll(() => graph?.stop());

interface Versioned {
  id: string;
  version: number;
}

it('catalogue: updateDataset twice in one document answers each with its own write', async () => {
  const { datasets } = await admin.queryOk<{ datasets: { nodes: Versioned[] } }>(`{ datasets(first: 1) { nodes { id version } } }`);
  const { id, version } = datasets.nodes[0]!;
  const answer = await admin.queryOk<Record<'a' | 'b', { dataset: { version: number; title: { vi: string } } }>>(
    `mutation ($id: ID!, $first: Int!, $second: Int!) {
      a: updateDataset(input: { id: $id, expectedVersion: $first, titleVi: "Một" }) { dataset { version title { vi } } }
      b: updateDataset(input: { id: $id, expectedVersion: $second, titleVi: "Hai" }) { dataset { version title { vi } } }
    }`,
    { id, first: version, second: version + 1 },
  );
  expect(answer).toEqual({ a: { dataset: { version: version + 1, title: { vi: 'Một' } } }, b: { dataset: { version: version + 2, title: { vi: 'Hai' } } } });
  const read = await admin.queryOk<{ dataset: { version: number; title: { vi: string } } }>(`query ($id: ID!) { dataset(id: $id) { version title { vi } } }`, {
    id,
  });
  expect(read.dataset).toEqual(answer.b.dataset);
});

it('catalogue: updateDistribution twice in one document answers each with its own write', async () => {
  const { datasets } = await admin.queryOk<{ datasets: { nodes: Array<{ distributions: Versioned[] }> } }>(
    `{ datasets(first: 20) { nodes { distributions { id version } } } }`,
  );
  const { id, version } = datasets.nodes.flatMap((dataset) => dataset.distributions)[0]!;
  const answer = await admin.queryOk<Record<'a' | 'b', { distribution: { id: string; version: number; title: { vi: string } } }>>(
    `mutation ($id: ID!, $first: Int!, $second: Int!) {
      a: updateDistribution(input: { id: $id, expectedVersion: $first, titleVi: "Một" }) { distribution { id version title { vi } } }
      b: updateDistribution(input: { id: $id, expectedVersion: $second, titleVi: "Hai" }) { distribution { id version title { vi } } }
    }`,
    { id, first: version, second: version + 1 },
  );
  expect(answer).toEqual({
    a: { distribution: { id, version: version + 1, title: { vi: 'Một' } } },
    b: { distribution: { id, version: version + 2, title: { vi: 'Hai' } } },
  });
  const read = await admin.queryOk<{ datasets: { nodes: Array<{ distributions: Array<{ id: string; version: number; title: { vi: string } }> }> } }>(
    `{ datasets(first: 20) { nodes { distributions { id version title { vi } } } } }`,
  );
  expect(read.datasets.nodes.flatMap((dataset) => dataset.distributions).find((distribution) => distribution.id === id)).toEqual(answer.b.distribution);
});

it('programmes: reviseObservation twice in one document answers each with its own write', async () => {
  const recorded = await admin.queryOk<{ recordObservation: { observation: { id: string; revision: number } } }>(
    `mutation { recordObservation(input: { indicatorId: "${indicatorId('CTR07-TFP')}", periodKind: YEAR, periodStart: "2023-01-01", value: 48, status: FINAL }) { observation { id revision } } }`,
  );
  const { id, revision } = recorded.recordObservation.observation;
  const answer = await admin.queryOk<Record<'a' | 'b', { observation: { revision: number; value: number; revisions: Array<{ revision: number }> } }>>(
    `mutation ($id: ID!, $first: Int!, $second: Int!) {
      a: reviseObservation(input: { observationId: $id, expectedRevision: $first, value: 49 }) { observation { revision value revisions { revision } } }
      b: reviseObservation(input: { observationId: $id, expectedRevision: $second, value: 50 }) { observation { revision value revisions { revision } } }
    }`,
    { id, first: revision, second: revision + 1 },
  );
  expect(answer.a.observation).toMatchObject({ revision: revision + 1, value: 49 });
  expect(answer.b.observation).toEqual({ revision: revision + 2, value: 50, revisions: [revision, revision + 1, revision + 2].map((r) => ({ revision: r })) });
  const read = await admin.queryOk<{ indicator: { observations: { nodes: Array<{ id: string; revision: number; value: number }> } } }>(
    `query ($indicator: ID!) { indicator(id: $indicator) { observations(from: "2023-01-01", to: "2023-01-01") { nodes { id revision value } } } }`,
    { indicator: indicatorId('CTR07-TFP') },
  );
  expect(read.indicator.observations.nodes).toEqual([{ id, revision: revision + 2, value: 50 }]);
});

it('startups: updateStartup twice in one document answers each with its own write', async () => {
  const created = await admin.queryOk<{ createStartup: { startup: Versioned } }>(
    `mutation { createStartup(input: { name: "Công ty Trả Lời", registrationCode: "8899000001", foundedOn: "2023-05-02", stage: PROTOTYPE }) { startup { id version } } }`,
  );
  const { id, version } = created.createStartup.startup;
  const answer = await admin.queryOk<Record<'a' | 'b', { startup: { version: number; name: { vi: string }; teamSize: number } }>>(
    `mutation ($id: ID!, $first: Int!, $second: Int!) {
      a: updateStartup(input: { id: $id, expectedVersion: $first, name: "Một", teamSize: 5 }) { startup { version name { vi } teamSize } }
      b: updateStartup(input: { id: $id, expectedVersion: $second, name: "Hai" }) { startup { version name { vi } teamSize } }
    }`,
    { id, first: version, second: version + 1 },
  );
  expect(answer).toEqual({
    a: { startup: { version: version + 1, name: { vi: 'Một' }, teamSize: 5 } },
    b: { startup: { version: version + 2, name: { vi: 'Hai' }, teamSize: 5 } },
  });
});

it('experts: updateExpert twice in one document answers each with its own write', async () => {
  const { experts } = await admin.queryOk<{ experts: { nodes: Versioned[] } }>(`{ experts(first: 1) { nodes { id version } } }`);
  const { id, version } = experts.nodes[0]!;
  const answer = await admin.queryOk<Record<'a' | 'b', { expert: { version: number; fullName: string } }>>(
    `mutation ($id: ID!, $first: Int!, $second: Int!) {
      a: updateExpert(input: { id: $id, expectedVersion: $first, fullName: "Nguyễn Văn Một" }) { expert { version fullName } }
      b: updateExpert(input: { id: $id, expectedVersion: $second, fullName: "Nguyễn Văn Hai" }) { expert { version fullName } }
    }`,
    { id, first: version, second: version + 1 },
  );
  expect(answer).toEqual({
    a: { expert: { version: version + 1, fullName: 'Nguyễn Văn Một' } },
    b: { expert: { version: version + 2, fullName: 'Nguyễn Văn Hai' } },
  });
});
