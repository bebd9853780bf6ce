import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertionHeaders, type SubgraphRequest } from '../../subgraphs/kernel/identity/assertion';
import { createWriter } from '../../subgraphs/kernel/subgraph/outbox';
import { ANONYMOUS, type Caller } from '../../subgraphs/kernel/identity/caller';
import { INGEST_PATH } from '../../subgraphs/kernel/platform/internal-paths';
import { indicatorId } from '../../subgraphs/kernel/reference/seed-refs';
import { childDatabase, testServerUrl } from '../../subgraphs/kernel/testing/database';
import { postGraphQL, queryOk } from '../../subgraphs/kernel/testing/http';
import { freePort, runScript, type ChildScript } from '../../subgraphs/kernel/testing/process';
import { newTestSecret } from '../../subgraphs/kernel/testing/assertion';
import { startTestSubgraph } from '../../subgraphs/kernel/testing/subgraph';
import { programmes } from '../../subgraphs/programmes';
import * as programmesSchema from '../../subgraphs/programmes/db/schema';
import { startTestGraph, type TestGraph } from '../testing';
import { eventually } from '../../subgraphs/kernel/testing/eventually';

/**
 * What the change feed promises when things go wrong: no committed event is lost when a
 * process dies (a real `kill -9`), none is skipped when transactions commit out of order,
 * and a failed write emits nothing (see subgraphs/programmes/test/writes.test.ts).
 */
const RECORD = `mutation ($input: RecordObservationInput!) { recordObservation(input: $input) { observation { id } } }`;
const CHANGES = `query ($after: String) { changes(first: 100, after: $after, filter: { types: ["indicator.observation.recorded", "test.interleaved"] }) {
  pageInfo { endCursor } nodes { entityId type } } }`;
const TFP = indicatorId('CTR07-TFP');

interface ChangesData {
  changes: { pageInfo: { endCursor: string | null }; nodes: Array<{ entityId: string; type: string }> };
}

/** A month of a test series: every write gets its own (indicator, period). */
const month = (n: number) => `${2000 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}-01`;

/** Writes need an editor of the indicator's department or an admin: these tests write as an admin. */
const ADMIN: Caller = { role: 'admin', organizationId: null, subject: 'change-feed-test' };

/** A fresh caller assertion per call when the graph's processes are called directly (secret given). */
type Direct = { secret: string; subgraph: string } | undefined;
const headersFor = async (direct: Direct, request: SubgraphRequest, caller: Caller = ANONYMOUS) =>
  direct ? assertionHeaders(direct.secret, direct.subgraph, caller, request) : {};

async function recordMonths(url: string, from: number, count: number, direct: Direct): Promise<string[]> {
  const ids: string[] = [];
  for (let n = from; n < from + count; n++) {
    const variables = { input: { indicatorId: TFP, periodKind: 'MONTH', periodStart: month(n), value: n, status: 'FINAL' } };
    const data = await queryOk<{ recordObservation: { observation: { id: string } } }>(
      url,
      RECORD,
      variables,
      await headersFor(direct, { query: RECORD, variables }, ADMIN),
    );
    ids.push(data.recordObservation.observation.id);
  }
  return ids;
}

async function allChanges(url: string, direct?: Direct): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const result: ChangesData = await queryOk<ChangesData>(url, CHANGES, { after }, await headersFor(direct, { query: CHANGES, variables: { after } }));
    ids.push(...result.changes.nodes.map((node) => node.entityId));
    if (result.changes.nodes.length < 100) return ids;
    after = result.changes.pageInfo.endCursor;
  }
}

describe('the change feed when processes die', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sti-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses no committed event when a domain subgraph is killed mid-stream', async () => {
    const graph = await startTestGraph({ only: ['integrations'] });
    const port = await freePort();
    const database = await childDatabase('programmes', dataDir);
    const env = {
      ...database.env,
      PROGRAMMES_PORT: String(port),
      INTEGRATIONS_EVENTS_URL: new URL(INGEST_PATH, graph.subgraphs.integrations!.url).toString(),
      INTERNAL_ASSERTION_SECRET: graph.assertionSecret,
    };
    const url = `http://127.0.0.1:${port}/graphql`;
    let child: ChildScript | undefined;
    try {
      child = runScript('start-subgraph', ['programmes'], env);
      await child.waitFor('programmes subgraph at');
      const written = await recordMonths(url, 0, 25, { secret: graph.assertionSecret, subgraph: 'programmes' });
      child.child.kill('SIGKILL'); // right after the last commit: some events are not relayed yet
      await child.exited;

      child = runScript('start-subgraph', ['programmes'], env);
      await child.waitFor('programmes subgraph at');
      await eventually(async () => {
        const seen = await allChanges(graph.gateway.url);
        expect(seen).toEqual(written); // every committed event, once, in commit order
      }, 30_000);
    } finally {
      child?.child.kill('SIGKILL');
      await child?.exited;
      await graph.stop();
      await database.drop();
    }
  });

  it('loses no committed event when the integrations service is killed mid-stream', async () => {
    const port = await freePort();
    const database = await childDatabase('integrations', path.join(dataDir, 'second'));
    const secret = newTestSecret();
    const env = { ...database.env, INTEGRATIONS_PORT: String(port), INTERNAL_ASSERTION_SECRET: secret };
    const toProgrammes = { secret, subgraph: 'programmes' };
    const toIntegrations = { secret, subgraph: 'integrations' };
    const integrationsUrl = `http://127.0.0.1:${port}/graphql`;
    const domain = await startTestSubgraph(programmes, { relayTo: `http://127.0.0.1:${port}${INGEST_PATH}`, assertionSecret: secret });
    let child = runScript('start-subgraph', ['integrations'], env);
    try {
      await child.waitFor('integrations subgraph at');
      const before = await recordMonths(domain.url, 100, 10, toProgrammes);
      await eventually(async () => expect((await allChanges(integrationsUrl, toIntegrations)).length).toBeGreaterThan(0), 30_000);
      child.child.kill('SIGKILL');
      await child.exited;
      const during = await recordMonths(domain.url, 110, 10, toProgrammes); // relayed nowhere: kept in the outbox

      child = runScript('start-subgraph', ['integrations'], env);
      await child.waitFor('integrations subgraph at');
      await eventually(async () => expect(await allChanges(integrationsUrl, toIntegrations)).toEqual([...before, ...during]), 30_000);
    } finally {
      child.child.kill('SIGKILL');
      await child.exited;
      await domain.stop();
      await database.drop();
    }
  });
});

// PGlite runs one transaction at a time, so commits cannot interleave there; on PostgreSQL they can.
(testServerUrl() ? describe : describe.skip)('transactions that commit out of order', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes', 'integrations'] });
  });
  afterAll(() => graph?.stop());

  it('never lets a cursor skip an event whose transaction committed after a later one', async () => {
    const subgraph = graph.subgraphs.programmes!;
    const db = subgraph.database.db;
    const write = createWriter(programmesSchema.outbox, programmesSchema.idempotencyKeys);
    const context = { db, caller: ANONYMOUS, requestId: 'interleaving-test' };
    const event = (entityId: string) => ({
      type: 'test.interleaved',
      entityType: 'Observation',
      entityId,
      operation: 'CREATE' as const,
      version: 1,
      changedFields: [],
      before: null,
      after: null,
    });

    // T1 takes the lower outbox position first, then waits before committing.
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstEmitted!: () => void;
    const firstHasEmitted = new Promise<void>((resolve) => (firstEmitted = resolve));
    const first = write(context, { operation: 'test' }, async (_tx, emit) => {
      await emit(event('first'));
      firstEmitted();
      await firstMayCommit;
      return 'first';
    });
    await firstHasEmitted;
    // T2 takes a higher position and commits while T1 is still open.
    await write(context, { operation: 'test' }, async (_tx, emit) => {
      await emit(event('second'));
      return 'second';
    });
    await subgraph.relay!.flush();
    const early = await queryOk<ChangesData>(graph.gateway.url, CHANGES, { after: null });
    expect(early.changes.nodes.map((n) => n.entityId)).toEqual(['second']);

    // A reader now holds a cursor past "second". T1 commits late, with the lower position.
    releaseFirst();
    await first;
    await subgraph.relay!.flush();
    const late = await postGraphQL<ChangesData>(graph.gateway.url, CHANGES, { after: early.changes.pageInfo.endCursor });
    expect(late.data?.changes.nodes.map((n) => n.entityId)).toEqual(['first']);
  });
});
