import { count, eq } from 'drizzle-orm';
import { startTestGraph, type TestGraph } from '../../../gateway/testing';
import type { Db } from '../../kernel/platform/db';
import { indicatorId, organizationId } from '../../kernel/reference/seed-refs';
import * as schema from '../db/schema';

/** Writes through the gateway: who may write, validation, idempotency, optimistic concurrency, and their events. */
const RECORD = `mutation ($input: RecordObservationInput!) {
  recordObservation(input: $input) { replayed observation { id value status: observationStatus revision period { label end } } }
}`;
const REVISE = `mutation ($input: ReviseObservationInput!) {
  reviseObservation(input: $input) { observation { id value status: observationStatus revision revisions { revision value } } }
}`;
const CHANGES = `query ($ids: [ID!]) {
  changes(first: 50, filter: { entityIds: $ids }) {
    nodes { type operation version changedFields before after actor { role } entity { ... on Observation { value revision indicator { code } } } }
  }
}`;

interface Recorded {
  recordObservation: {
    replayed: boolean;
    observation: { id: string; value: number; status: string; revision: number; period: { label: string; end: string } };
  };
}

describe('writing observations', () => {
  let graph: TestGraph;
  let db: Db<typeof schema>;
  const TFP = indicatorId('CTR07-TFP');
  /** TFP's responsible department: its editors write TFP's values. */
  const TFP_OWNER = organizationId('so-khdt-ha-noi');
  const editor = () => graph.as('editor', TFP_OWNER);
  const outboxSize = async () => (await db.select({ n: count() }).from(schema.outbox))[0]!.n;
  const observationCount = async () => (await db.select({ n: count() }).from(schema.observations))[0]!.n;

  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes', 'integrations'] });
    db = graph.dbOf('programmes');
  });
  afterAll(() => graph?.stop());

  it('records a value once per idempotency key, and its event reaches the change log', async () => {
    const input = {
      indicatorId: TFP,
      periodKind: 'YEAR',
      periodStart: '2024-01-01',
      value: 51.2,
      status: 'PROVISIONAL',
      idempotencyKey: 'tfp-2024-a',
      note: 'test value',
    };
    const first = await editor().queryOk<Recorded>(RECORD, { input });
    expect(first.recordObservation).toMatchObject({ replayed: false, observation: { value: 51.2, revision: 1, period: { label: '2024', end: '2024-12-31' } } });
    const retry = await editor().queryOk<Recorded>(RECORD, { input });
    expect(retry.recordObservation).toMatchObject({ replayed: true, observation: { id: first.recordObservation.observation.id } });

    const reused = await editor().query(RECORD, { input: { ...input, value: 60 } });
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });

    await graph.subgraphs.programmes!.relay!.flush();
    // The value is PROVISIONAL: its event is a draft, which the responsible department's editors read.
    const { changes } = await editor().queryOk<{ changes: { nodes: Array<Record<string, unknown>> } }>(CHANGES, {
      ids: [first.recordObservation.observation.id],
    });
    expect(changes.nodes).toHaveLength(1);
    expect(changes.nodes[0]).toMatchObject({
      type: 'indicator.observation.recorded',
      operation: 'CREATE',
      version: 1,
      before: null,
      after: { value: 51.2, status: 'PROVISIONAL', periodStart: '2024-01-01' },
      actor: { role: 'editor' },
      entity: { value: 51.2, revision: 1, indicator: { code: 'CTR07-TFP' } },
    });
    // Nobody who may not read the provisional value sees its event.
    for (const outsider of [graph, graph.as('editor', organizationId('so-tttt-ha-noi')), graph.as('integrator')]) {
      const hidden = await outsider.queryOk<{ changes: { nodes: unknown[] } }>(CHANGES, { ids: [first.recordObservation.observation.id] });
      expect(hidden.changes.nodes).toEqual([]);
    }
  });

  it('revises with the version read, refuses a stale one with CONFLICT, and writes nothing then', async () => {
    const recorded = await editor().queryOk<Recorded>(RECORD, {
      input: { indicatorId: TFP, periodKind: 'YEAR', periodStart: '2023-01-01', value: 48, status: 'FINAL' },
    });
    const id = recorded.recordObservation.observation.id;
    // Admins write every indicator's values.
    const revised = await graph
      .as('admin')
      .queryOk<{ reviseObservation: { observation: { value: number; status: string; revision: number; revisions: unknown[] } } }>(REVISE, {
        input: { observationId: id, expectedRevision: 1, value: 49.5, status: 'PROVISIONAL' },
      });
    expect(revised.reviseObservation.observation).toMatchObject({
      value: 49.5,
      status: 'PROVISIONAL',
      revision: 2,
      revisions: [
        { revision: 1, value: 48 },
        { revision: 2, value: 49.5 },
      ],
    });

    const events = await outboxSize();
    const stale = await editor().query(REVISE, { input: { observationId: id, expectedRevision: 1, value: 1 } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2, expectedVersion: 1 });
    expect(await outboxSize()).toBe(events); // a failed write emits no event
    const revisions = await db.select().from(schema.observationRevisions).where(eq(schema.observationRevisions.observationId, id));
    expect(revisions.map((r) => r.value).sort()).toEqual([48, 49.5]);

    await graph.subgraphs.programmes!.relay!.flush();
    const { changes } = await editor().queryOk<{ changes: { nodes: Array<Record<string, unknown>> } }>(CHANGES, { ids: [id] });
    expect(changes.nodes.map((n) => [n.type, n.version])).toEqual([
      ['indicator.observation.recorded', 1],
      ['indicator.observation.revised', 2],
    ]);
    expect(changes.nodes[1]).toMatchObject({ changedFields: ['revision', 'status', 'value'], before: { value: 48 }, after: { value: 49.5 } });
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, a taken period with CONFLICT, and writes nothing', async () => {
    const events = await outboxSize();
    const base = { indicatorId: TFP, periodKind: 'QUARTER', periodStart: '2024-04-01', value: 1, status: 'FINAL' };
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ periodStart: '2024-05-01' }, 'BAD_USER_INPUT', 'input.periodStart'],
      [{ indicatorId: '00000000-0000-4000-8000-000000000000' }, 'BAD_USER_INPUT', 'input.indicatorId'],
      [{ sourceDocumentUrl: 'ftp://example.invalid/x' }, 'BAD_USER_INPUT', 'input.sourceDocumentUrl'],
      [{ note: 'x'.repeat(2_001) }, 'BAD_USER_INPUT', 'input.note'],
      [{ periodKind: 'YEAR', periodStart: '2024-01-01' }, 'CONFLICT', 'input.periodStart'],
    ];
    for (const [override, code, field] of cases) {
      const result = await editor().query(RECORD, { input: { ...base, ...override } });
      expect({ override, extensions: result.errors?.[0]?.extensions }).toMatchObject({ override, extensions: { code, field } });
      expect(result.status).toBeLessThan(500);
    }
    const unknown = await editor().query(REVISE, { input: { observationId: '00000000-0000-4000-8000-000000000000', expectedRevision: 1, value: 2 } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await outboxSize()).toBe(events);
  });

  it('records a period once when several requests record it at the same time: the others get CONFLICT naming the winner, and no second event', async () => {
    const [events, observations] = [await outboxSize(), await observationCount()];
    const input = { indicatorId: TFP, periodKind: 'MONTH', periodStart: '2023-07-01', status: 'FINAL' };
    const results = await Promise.all([1, 2, 3, 4].map((value) => editor().query<Recorded>(RECORD, { input: { ...input, value } })));
    const recorded = results.filter((result) => !result.errors);
    expect(recorded).toHaveLength(1);
    const winner = recorded[0]!.data!.recordObservation.observation.id;
    for (const result of results.filter((r) => r.errors)) {
      expect(result.status).toBeLessThan(500);
      // The editor may read the value, so the conflict names the observation that holds the period.
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.periodStart', observationId: winner });
    }
    expect(await observationCount()).toBe(observations + 1);
    expect(await outboxSize()).toBe(events + 1);
  });

  it('refuses anonymous callers, partners and editors of other organisations with FORBIDDEN, and writes nothing', async () => {
    const [events, rows] = [await outboxSize(), await observationCount()];
    const input = { indicatorId: TFP, periodKind: 'YEAR', periodStart: '2022-01-01', value: 1, status: 'FINAL' };
    const [existing] = await db.select({ id: schema.observations.id }).from(schema.observations).where(eq(schema.observations.indicatorId, TFP)).limit(1);
    const callers = {
      anonymous: { query: graph.query },
      partner: graph.as('partner', TFP_OWNER),
      otherEditor: graph.as('editor', organizationId('so-tttt-ha-noi')),
    };
    for (const [who, client] of Object.entries(callers)) {
      const recorded = await client.query(RECORD, { input });
      expect({ who, code: recorded.errors?.[0]?.extensions?.code, data: recorded.data?.recordObservation ?? null }).toEqual({
        who,
        code: 'FORBIDDEN',
        data: null,
      });
      const revised = await client.query(REVISE, { input: { observationId: existing!.id, expectedRevision: 1, value: 2 } });
      expect({ who, code: revised.errors?.[0]?.extensions?.code }).toEqual({ who, code: 'FORBIDDEN' });
    }
    expect(await outboxSize()).toBe(events);
    expect(await observationCount()).toBe(rows);
  });

  it('lets an editor named for the programmes domain write any indicator’s values', async () => {
    const steward = graph.as('editor', organizationId('so-tttt-ha-noi'), { domains: ['programmes'] });
    const recorded = await steward.queryOk<Recorded>(RECORD, {
      input: { indicatorId: TFP, periodKind: 'YEAR', periodStart: '2022-01-01', value: 47, status: 'FINAL' },
    });
    expect(recorded.recordObservation.observation).toMatchObject({ value: 47, status: 'FINAL', revision: 1 });
    const [event] = await db.select().from(schema.outbox).where(eq(schema.outbox.entityId, recorded.recordObservation.observation.id));
    expect(event).toMatchObject({
      actor: { role: 'editor', organizationId: organizationId('so-tttt-ha-noi') },
      access: { level: 'PUBLIC', ownerOrganizationId: TFP_OWNER },
    });
    // Another department's drafts are neither read nor written through a domain.
    const events = await db.select({ n: count() }).from(schema.outbox);
    const draft = await steward.query(RECORD, { input: { indicatorId: TFP, periodKind: 'YEAR', periodStart: '2021-01-01', value: 46, status: 'PROVISIONAL' } });
    expect(draft.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await db.select({ n: count() }).from(schema.outbox)).toEqual(events);
  });
});
