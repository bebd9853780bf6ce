import { startTestGraph, type TestGraph } from '../../../gateway/testing';
import { syntheticId } from '../../kernel/reference/seed-refs';

/** Observations name their source dataset by id only; the catalogue subgraph resolves it. */
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph({ only: ['programmes', 'catalogue'] });
});
afterAll(() => graph?.stop());

it('resolves an observation’s source dataset through the catalogue subgraph', async () => {
  const data = await graph.queryOk<{
    indicator: { observations: { nodes: Array<{ sourceDataset: { id: string; title: { vi: string } } | null; provenance: { synthetic: boolean } }> } };
  }>(`{
    indicator(code: "DEMO-IND-0001") { observations(first: 100) { nodes { sourceDataset { id title { vi } } provenance { synthetic } } } }
  }`);
  const [first] = data.indicator.observations.nodes;
  expect(first?.provenance.synthetic).toBe(true);
  expect(first?.sourceDataset?.id).toBe(syntheticId('Dataset', 0));
  expect(first?.sourceDataset?.title.vi.length).toBeGreaterThan(0);
});
