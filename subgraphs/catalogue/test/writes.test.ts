import { count, eq, inArray } from 'drizzle-orm';
import { startTestGraph, type TestClient, type TestGraph } from '../../../gateway/testing';
import type { Db } from '../../kernel/platform/db';
import { indicatorId, organizationId } from '../../kernel/reference/seed-refs';
import * as integrationsSchema from '../../integrations/db/schema';
import * as schema from '../db/schema';
import { decree47DueDates } from '../rules/decree47';
import { metadataQuality } from '../rules/quality';
import { exportedDatasetIds } from './exported';

/** Catalogue writes through the gateway: validation, idempotency, optimistic concurrency, withdrawal, and their events. */
const DATASET_FIELDS = `id identifier version status: datasetStatus withdrawnAt withdrawalReason accessLevel title { vi en } keywords
  publisher { id } licence { id } temporalCoverage { start end } feedsIndicators { code }
  distributions { id version format byteSize checksum { algorithm value } }
  compliance { reviewDueOn updateDueOn } quality { score points findability accessibility interoperability reusability contextuality }`;
const PUBLISH = `mutation ($input: PublishDatasetInput!) { publishDataset(input: $input) { replayed dataset { ${DATASET_FIELDS} } } }`;
const UPDATE = `mutation ($input: UpdateDatasetInput!) { updateDataset(input: $input) { dataset { ${DATASET_FIELDS} } } }`;
const WITHDRAW = `mutation ($input: WithdrawDatasetInput!) { withdrawDataset(input: $input) { dataset { ${DATASET_FIELDS} } } }`;
const CREATE_DISTRIBUTION = `mutation ($input: CreateDistributionInput!) {
  createDistribution(input: $input) { replayed distribution { id version format mediaType byteSize dataset { id version quality { score } } } }
}`;
const UPDATE_DISTRIBUTION = `mutation ($input: UpdateDistributionInput!) {
  updateDistribution(input: $input) { distribution { id version format downloadUrl dataset { version quality { score } } } }
}`;
const REMOVE_DISTRIBUTION = `mutation ($input: RemoveDistributionInput!) {
  removeDistribution(input: $input) { removedDistributionId dataset { version distributions { id } quality { score } } }
}`;
const CHANGES = `query ($ids: [ID!]) {
  changes(first: 50, filter: { entityIds: $ids }) {
    nodes { type entityType operation version changedFields before after actor { role } entity { ... on Dataset { identifier status: datasetStatus version } } }
  }
}`;

interface DatasetView {
  id: string;
  identifier: string;
  version: number;
  status: string;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  accessLevel: string;
  keywords: string[];
  feedsIndicators: Array<{ code: string }>;
  distributions: Array<{ id: string; version: number; format: string | null; byteSize: number | null; checksum: { algorithm: string; value: string } | null }>;
  compliance: { reviewDueOn: string | null; updateDueOn: string | null };
  quality: { score: number; points: number; findability: number; accessibility: number; interoperability: number; reusability: number; contextuality: number };
}
interface ChangeNode {
  type: string;
  entityType: string;
  operation: string;
  version: number;
  changedFields: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  entity: { identifier: string; status: string; version: number } | null;
}

const PUBLISHER = organizationId('so-khcn-ha-noi');
const OTHER_ORGANISATION = organizationId('so-tttt-ha-noi');
const CHECKSUM = 'AB'.repeat(32);

function publishInput(identifier: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    identifier,
    titleVi: 'Danh mục nhiệm vụ khoa học và công nghệ năm 2024',
    titleEn: 'City-level S&T tasks 2024',
    descriptionVi: 'Danh sách nhiệm vụ KH&CN cấp thành phố được phê duyệt năm 2024.',
    publisherId: PUBLISHER,
    contactPoint: { name: 'Phòng Quản lý khoa học', email: 'qlkh@example.org' },
    themes: ['TECH', 'TECH', 'GOVE'],
    keywords: [' nhiệm vụ KH&CN ', 'nhiệm vụ KH&CN', 'kinh phí'],
    accessLevel: 'PUBLIC',
    licenceId: 'CC-BY-4.0',
    updateFrequency: 'ANNUAL',
    temporalCoverage: { start: '2024-01-01', end: '2024-12-31' },
    issued: '2024-03-15',
    modified: '2024-09-30',
    feedsIndicatorIds: [indicatorId('CTR07-TFP')],
    distributions: [
      {
        titleVi: 'Bảng CSV',
        format: 'CSV',
        mediaType: 'text/csv',
        accessUrl: 'https://data.example.org/tasks-2024',
        downloadUrl: 'https://data.example.org/tasks-2024.csv',
        byteSize: 12_345,
        checksum: { algorithm: 'SHA256', value: CHECKSUM },
      },
    ],
    ...overrides,
  };
}

describe('catalogue writes', () => {
  let graph: TestGraph;
  /** An editor of the publisher: who writes the catalogue's records (ACCESS_RULES.writeRecord). */
  let editor: TestClient;
  let db: Db<typeof schema>;
  const outboxSize = async () => (await db.select({ n: count() }).from(schema.outbox))[0]!.n;
  const datasetRowOf = async (id: string) => (await db.select().from(schema.datasets).where(eq(schema.datasets.id, id)))[0]!;
  const publish = async (input: Record<string, unknown>) =>
    (await editor.queryOk<{ publishDataset: { replayed: boolean; dataset: DatasetView } }>(PUBLISH, { input })).publishDataset;
  const changesOf = async (ids: string[], headers?: Record<string, string>) => {
    await graph.subgraphs.catalogue!.relay!.flush();
    return (await graph.queryOk<{ changes: { nodes: ChangeNode[] } }>(CHANGES, { ids }, headers)).changes.nodes;
  };

  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes', 'catalogue', 'integrations'] });
    db = graph.dbOf('catalogue');
    editor = graph.as('editor', PUBLISHER);
  });
  afterAll(() => graph?.stop());

  it('publishes once per idempotency key, with quality and Decree 47 dates computed by the seed’s rules, and its events reach the change log', async () => {
    const input = publishInput('so-khcn-nhiem-vu-2024', { idempotencyKey: 'publish-tasks-2024' });
    const first = await publish(input);
    expect(first.replayed).toBe(false);
    const dataset = first.dataset;
    expect(dataset).toMatchObject({
      identifier: 'so-khcn-nhiem-vu-2024',
      version: 1,
      status: 'PUBLISHED',
      keywords: ['nhiệm vụ KH&CN', 'kinh phí'],
      feedsIndicators: [{ code: 'CTR07-TFP' }],
      distributions: [{ version: 1, format: 'CSV', byteSize: 12_345, checksum: { algorithm: 'SHA256', value: CHECKSUM.toLowerCase() } }],
    });
    const expected = metadataQuality({
      description: 'Danh sách nhiệm vụ KH&CN cấp thành phố được phê duyệt năm 2024.',
      keywords: ['nhiệm vụ KH&CN', 'kinh phí'],
      themes: ['TECH', 'GOVE'],
      hasSpatialCoverage: false,
      hasTemporalCoverage: true,
      licenceId: 'CC-BY-4.0',
      hasContactPoint: true,
      publisherId: PUBLISHER,
      issued: '2024-03-15',
      modified: '2024-09-30',
      updateFrequency: 'ANNUAL',
      distributions: [{ accessUrl: 'x', downloadUrl: 'x', format: 'CSV', mediaType: 'text/csv', byteSize: 12_345, licenceId: null }],
    });
    expect(dataset.quality).toEqual({
      score: expected.score,
      points: expected.points,
      findability: expected.findability,
      accessibility: expected.accessibility,
      interoperability: expected.interoperability,
      reusability: expected.reusability,
      contextuality: expected.contextuality,
    });
    expect(dataset.compliance).toEqual(decree47DueDates({ issued: '2024-03-15', modified: '2024-09-30', lastReviewed: null, updateFrequency: 'ANNUAL' }));
    expect((await datasetRowOf(dataset.id)).formats).toEqual(['CSV']);

    const retry = await publish(input);
    expect(retry).toMatchObject({ replayed: true, dataset: { id: dataset.id } });
    const reused = await editor.query(PUBLISH, { input: { ...input, titleVi: 'Khác' } });
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });

    // Searchable and listed at once.
    const listed = await graph.queryOk<{ datasets: { nodes: Array<{ id: string }> } }>(
      `{ datasets(filter: { search: "cong nghe nam 2024", synthetic: false }) { nodes { id } } }`,
    );
    expect(listed.datasets.nodes.map((d) => d.id)).toContain(dataset.id);

    const changes = await changesOf([dataset.id, dataset.distributions[0]!.id]);
    expect(changes.map((c) => [c.type, c.entityType, c.operation, c.version])).toEqual([
      ['dataset.published', 'Dataset', 'CREATE', 1],
      ['distribution.created', 'Distribution', 'CREATE', 1],
    ]);
    expect(changes[0]).toMatchObject({
      before: null,
      after: {
        identifier: 'so-khcn-nhiem-vu-2024',
        accessLevel: 'PUBLIC',
        publisherId: PUBLISHER,
        quality: { score: expected.score },
        distributionIds: [dataset.distributions[0]!.id],
      },
      actor: { role: 'editor' },
      entity: { identifier: 'so-khcn-nhiem-vu-2024', status: 'PUBLISHED', version: 1 },
    });
    expect(changes[1]!.after).toMatchObject({ datasetId: dataset.id, format: 'CSV', checksum: { algorithm: 'SHA256', value: CHECKSUM.toLowerCase() } });
  });

  it('updates with the version read, recomputes derived columns, refuses a stale version with CONFLICT and writes nothing then', async () => {
    const { dataset } = await publish(publishInput('so-khcn-cap-nhat', { distributions: [] }));
    const updated = await editor.queryOk<{ updateDataset: { dataset: DatasetView } }>(UPDATE, {
      input: {
        id: dataset.id,
        expectedVersion: 1,
        keywords: ['cập nhật'],
        licenceId: null,
        lastReviewed: '2025-01-10',
        spatialCoverage: { nameVi: 'Thành phố Hà Nội', uri: 'https://sws.geonames.org/1581130/' },
      },
    });
    const after = updated.updateDataset.dataset;
    expect(after).toMatchObject({ version: 2, keywords: ['cập nhật'] });
    expect(after.quality.findability).toBe(100); // spatial coverage now given
    expect(after.quality.reusability).toBeLessThan(dataset.quality.reusability); // licence cleared
    expect(after.compliance.reviewDueOn).toBe('2025-07-10');
    const row = await datasetRowOf(dataset.id);
    expect(row.licenceId).toBeNull();
    expect(row.searchText).toContain('cap nhat');

    const events = await outboxSize();
    const stale = await editor.query(UPDATE, { input: { id: dataset.id, expectedVersion: 1, titleVi: 'Muộn' } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2, expectedVersion: 1 });
    expect(await outboxSize()).toBe(events);
    expect(await datasetRowOf(dataset.id)).toMatchObject({ version: 2, titleVi: row.titleVi });

    const changes = await changesOf([dataset.id]);
    expect(changes.map((c) => [c.type, c.version])).toEqual([
      ['dataset.published', 1],
      ['dataset.updated', 2],
    ]);
    expect(changes[1]!.changedFields).toEqual(expect.arrayContaining(['keywords', 'lastReviewed', 'licenceId', 'quality', 'spatialCoverage', 'compliance']));
    expect(changes[1]!.changedFields).not.toContain('title');
    expect(changes[1]).toMatchObject({ before: { licenceId: 'CC-BY-4.0' }, after: { licenceId: null, keywords: ['cập nhật'] }, entity: { version: 2 } });
  });

  it('creates, updates and removes distributions, moving the dataset’s version and quality each time', async () => {
    const { dataset } = await publish(publishInput('so-khcn-phan-phoi', { distributions: [] }));
    expect(dataset.quality.accessibility).toBe(0);
    const input = { datasetId: dataset.id, titleVi: 'Tệp JSON', format: 'JSON', accessUrl: 'https://data.example.org/x', idempotencyKey: 'dist-1' };
    const created = await editor.queryOk<{
      createDistribution: { replayed: boolean; distribution: { id: string; version: number; dataset: { version: number; quality: { score: number } } } };
    }>(CREATE_DISTRIBUTION, { input });
    expect(created.createDistribution).toMatchObject({ replayed: false, distribution: { version: 1, dataset: { version: 2 } } });
    expect(created.createDistribution.distribution.dataset.quality.score).toBeGreaterThan(dataset.quality.score);
    const replay = await editor.queryOk<{ createDistribution: { replayed: boolean; distribution: { id: string } } }>(CREATE_DISTRIBUTION, { input });
    expect(replay.createDistribution).toEqual({ replayed: true, distribution: expect.objectContaining({ id: created.createDistribution.distribution.id }) });
    const distributionId = created.createDistribution.distribution.id;
    expect((await datasetRowOf(dataset.id)).formats).toEqual(['JSON']);

    const updated = await editor.queryOk<{
      updateDistribution: { distribution: { version: number; format: string; downloadUrl: string; dataset: { version: number } } };
    }>(UPDATE_DISTRIBUTION, {
      input: { id: distributionId, expectedVersion: 1, format: 'CSV', downloadUrl: 'https://data.example.org/x.csv' },
    });
    expect(updated.updateDistribution.distribution).toMatchObject({ version: 2, format: 'CSV', dataset: { version: 3 } });
    expect((await datasetRowOf(dataset.id)).formats).toEqual(['CSV']);

    const events = await outboxSize();
    const stale = await editor.query(REMOVE_DISTRIBUTION, { input: { id: distributionId, expectedVersion: 1 } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(await outboxSize()).toBe(events);

    const removed = await editor.queryOk<{
      removeDistribution: { removedDistributionId: string; dataset: { version: number; distributions: unknown[]; quality: { score: number } } };
    }>(REMOVE_DISTRIBUTION, {
      input: { id: distributionId, expectedVersion: 2 },
    });
    expect(removed.removeDistribution).toMatchObject({
      removedDistributionId: distributionId,
      dataset: { version: 4, distributions: [], quality: { score: dataset.quality.score } },
    });
    expect((await datasetRowOf(dataset.id)).formats).toEqual([]);

    const changes = await changesOf([dataset.id, distributionId]);
    expect(changes.map((c) => [c.type, c.operation, c.version])).toEqual([
      ['dataset.published', 'CREATE', 1],
      ['distribution.created', 'CREATE', 1],
      ['dataset.updated', 'UPDATE', 2],
      ['distribution.updated', 'UPDATE', 2],
      ['dataset.updated', 'UPDATE', 3],
      ['distribution.removed', 'DELETE', 3],
      ['dataset.updated', 'UPDATE', 4],
    ]);
    expect(changes[3]).toMatchObject({ changedFields: ['downloadUrl', 'format'], before: { format: 'JSON' }, after: { format: 'CSV' } });
    expect(changes[5]).toMatchObject({ before: { id: distributionId, format: 'CSV' }, after: null, entity: null });
  });

  it('withdraws: the dataset leaves lists, facets, lineage and the JSON-LD export, its lookup shows the tombstone, and it can no longer change', async () => {
    const { dataset } = await publish(publishInput('so-khcn-rut', { feedsIndicatorIds: [indicatorId('CTR07-TFP')] }));
    const totals = async () => {
      const data = await graph.queryOk<{ datasets: { totalCount: number; facets: { publishers: Array<{ publisher: { id: string }; count: number }> } } }>(
        `{ datasets(filter: { synthetic: false }) { totalCount facets { publishers { publisher { id } count } } } }`,
      );
      return { total: data.datasets.totalCount, publisher: data.datasets.facets.publishers.find((p) => p.publisher.id === PUBLISHER)?.count ?? 0 };
    };
    const lineage = async () =>
      (
        await graph.queryOk<{ indicator: { sourceDatasets: Array<{ id: string }> } }>(`{ indicator(code: "CTR07-TFP") { sourceDatasets { id } } }`)
      ).indicator.sourceDatasets.map((d) => d.id);
    const exported = () => exportedDatasetIds(graph.gateway.url);
    const before = await totals();
    expect(await lineage()).toContain(dataset.id);
    expect(await exported()).toContain(dataset.id);

    const withdrawn = await editor.queryOk<{ withdrawDataset: { dataset: DatasetView } }>(WITHDRAW, {
      input: { id: dataset.id, expectedVersion: 1, reason: 'Thay thế bằng bộ dữ liệu mới' },
    });
    expect(withdrawn.withdrawDataset.dataset).toMatchObject({ status: 'WITHDRAWN', version: 2, withdrawalReason: 'Thay thế bằng bộ dữ liệu mới' });
    expect(withdrawn.withdrawDataset.dataset.withdrawnAt).toBeTruthy();

    expect(await totals()).toEqual({ total: before.total - 1, publisher: before.publisher - 1 });
    expect(await lineage()).not.toContain(dataset.id);
    expect(await exported()).not.toContain(dataset.id);
    expect((await fetch(`${new URL(graph.gateway.url).origin}/dcat/datasets/so-khcn-rut.jsonld`)).status).toBe(404);
    const lookup = await graph.queryOk<{ dataset: { status: string } }>(`{ dataset(identifier: "so-khcn-rut") { status: datasetStatus } }`);
    expect(lookup.dataset.status).toBe('WITHDRAWN');

    const events = await outboxSize();
    const again = await editor.query(UPDATE, { input: { id: dataset.id, expectedVersion: 2, titleVi: 'Sửa' } });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const addFile = await editor.query(CREATE_DISTRIBUTION, { input: { datasetId: dataset.id, titleVi: 'x', accessUrl: 'https://data.example.org/y' } });
    expect(addFile.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const reuse = await editor.query(PUBLISH, { input: publishInput('so-khcn-rut') });
    expect(reuse.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.identifier' });
    expect(await outboxSize()).toBe(events);

    const changes = await changesOf([dataset.id]);
    expect(changes.at(-1)).toMatchObject({
      type: 'dataset.withdrawn',
      operation: 'UPDATE',
      version: 2,
      changedFields: ['status', 'withdrawalReason', 'withdrawnAt'],
      before: { status: 'PUBLISHED' },
      after: { status: 'WITHDRAWN' },
      entity: { status: 'WITHDRAWN' },
    });
  });

  it('keeps the events of INTERNAL datasets out of the change feed of anonymous callers, and shows those of PUBLIC ones', async () => {
    const internal = (await publish(publishInput('so-khcn-noi-bo', { accessLevel: 'INTERNAL' }))).dataset;
    const open = (await publish(publishInput('so-khcn-cong-khai'))).dataset;
    await editor.queryOk(CREATE_DISTRIBUTION, { input: { datasetId: internal.id, titleVi: 'Nội bộ', accessUrl: 'https://data.example.org/internal' } });
    // Made internal later: the update event shows the internal state, so it is hidden too.
    await editor.queryOk(UPDATE, { input: { id: open.id, expectedVersion: 1, accessLevel: 'INTERNAL' } });

    const internalIds = [internal.id, ...internal.distributions.map((d) => d.id)];
    expect(await db.select({ n: count() }).from(schema.outbox).where(eq(schema.outbox.entityId, internal.id))).toEqual([{ n: 2 }]);
    expect(await changesOf(internalIds)).toEqual([]);
    expect((await changesOf([open.id])).map((c) => c.type)).toEqual(['dataset.published']);
    // The events were relayed to the change log (so the feed filtered them, rather than never receiving them).
    const integrations = graph.dbOf('integrations');
    const logged = await integrations
      .select({ type: integrationsSchema.changeLog.type, level: integrationsSchema.changeLog.accessLevel })
      .from(integrationsSchema.changeLog)
      .where(inArray(integrationsSchema.changeLog.entityId, [open.id, ...internalIds]));
    expect(logged.map((e) => `${e.type}:${e.level}`).sort()).toEqual([
      'dataset.published:INTERNAL',
      'dataset.published:PUBLIC',
      'dataset.updated:INTERNAL',
      'dataset.updated:INTERNAL',
      'distribution.created:INTERNAL',
    ]);
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, a taken identifier with CONFLICT, and writes nothing', async () => {
    await publish(publishInput('so-khcn-da-co', { distributions: [] }));
    const events = await outboxSize();
    const datasets = (await db.select({ n: count() }).from(schema.datasets))[0]!.n;
    const distribution = (publishInput('x').distributions as Array<Record<string, unknown>>)[0]!;
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ identifier: 'Có Dấu' }, 'BAD_USER_INPUT', 'input.identifier'],
      [{ identifier: 'so-khcn-da-co' }, 'CONFLICT', 'input.identifier'],
      [{ titleVi: '   ' }, 'BAD_USER_INPUT', 'input.titleVi'],
      [{ licenceId: 'GPL-3.0' }, 'BAD_USER_INPUT', 'input.licenceId'],
      [{ publisherId: 'so-khcn' }, 'BAD_USER_INPUT', 'input.publisherId'],
      [{ seriesId: '00000000-0000-4000-8000-000000000000' }, 'BAD_USER_INPUT', 'input.seriesId'],
      [{ landingPage: 'ftp://example.org/x' }, 'BAD_USER_INPUT', 'input.landingPage'],
      [{ contactPoint: { name: 'A', email: 'not-an-email' } }, 'BAD_USER_INPUT', 'input.contactPoint.email'],
      [{ temporalCoverage: { start: '2024-12-31', end: '2024-01-01' } }, 'BAD_USER_INPUT', 'input.temporalCoverage.end'],
      [{ modified: '2024-01-01' }, 'BAD_USER_INPUT', 'input.modified'],
      [{ lastReviewed: '2999-01-01' }, 'BAD_USER_INPUT', 'input.lastReviewed'],
      [{ keywords: ['ok', ''] }, 'BAD_USER_INPUT', 'input.keywords.1'],
      [{ feedsIndicatorIds: ['CTR07-TFP'] }, 'BAD_USER_INPUT', 'input.feedsIndicatorIds.0'],
      [{ distributions: [{ ...distribution, byteSize: -1 }] }, 'BAD_USER_INPUT', 'input.distributions.0.byteSize'],
      [{ distributions: [{ ...distribution, byteSize: 1.5 }] }, 'BAD_USER_INPUT', 'input.distributions.0.byteSize'],
      [{ distributions: [{ ...distribution, downloadUrl: 'javascript:alert(1)' }] }, 'BAD_USER_INPUT', 'input.distributions.0.downloadUrl'],
      [{ distributions: [{ ...distribution, checksum: { algorithm: 'MD5', value: CHECKSUM } }] }, 'BAD_USER_INPUT', 'input.distributions.0.checksum.value'],
      [{ distributions: [{ ...distribution, licenceId: 'WTFPL' }] }, 'BAD_USER_INPUT', 'input.distributions.0.licenceId'],
      [{ distributions: [{ ...distribution, mediaType: 'csv' }] }, 'BAD_USER_INPUT', 'input.distributions.0.mediaType'],
    ];
    for (const [override, code, field] of cases) {
      const result = await editor.query(PUBLISH, { input: publishInput('so-khcn-loi', override) });
      expect({ override, extensions: result.errors?.[0]?.extensions }).toMatchObject({ override, extensions: { code, field } });
      expect(result.status).toBeLessThan(500);
    }
    // Codes outside the vocabularies are refused by the schema itself, before any resolver runs.
    for (const override of [{ themes: ['SPACE'] }, { distributions: [{ ...distribution, format: 'EXE' }] }, { accessLevel: 'SECRET' }]) {
      const result = await editor.query(PUBLISH, { input: publishInput('so-khcn-loi', override) });
      expect(result.errors?.[0]?.message).toMatch(/Value "(SPACE|EXE|SECRET)" does not exist/);
    }
    const [existing] = await db.select().from(schema.datasets).where(eq(schema.datasets.identifier, 'so-khcn-da-co'));
    const updateCases: Array<[Record<string, unknown>, string, string]> = [
      [{ titleVi: null }, 'BAD_USER_INPUT', 'input.titleVi'],
      [{ accessLevel: null }, 'BAD_USER_INPUT', 'input.accessLevel'],
      [{ issued: '2024-12-01' }, 'BAD_USER_INPUT', 'input.issued'], // after the stored `modified`
      [{ identifier: 'so-khcn-nhiem-vu-2024' }, 'CONFLICT', 'input.identifier'],
    ];
    for (const [override, code, field] of updateCases) {
      const result = await editor.query(UPDATE, { input: { id: existing!.id, expectedVersion: 1, ...override } });
      expect({ override, extensions: result.errors?.[0]?.extensions }).toMatchObject({ override, extensions: { code, field } });
    }
    const unknownDataset = await editor.query(CREATE_DISTRIBUTION, {
      input: { datasetId: '00000000-0000-4000-8000-000000000000', titleVi: 'x', accessUrl: 'https://data.example.org/z' },
    });
    expect(unknownDataset.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.datasetId' });
    const unknownDistribution = await editor.query(UPDATE_DISTRIBUTION, {
      input: { id: '00000000-0000-4000-8000-000000000000', expectedVersion: 1, titleVi: 'x' },
    });
    expect(unknownDistribution.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    expect(await outboxSize()).toBe(events);
    expect((await db.select({ n: count() }).from(schema.datasets))[0]!.n).toBe(datasets);
  });

  it('refuses anonymous callers, partners and editors of another organisation with FORBIDDEN, and they write nothing', async () => {
    const { dataset } = await publish(publishInput('so-khcn-cua-minh'));
    const refused: Array<[string, TestClient | null]> = [
      ['anonymous', null],
      ['partner of the publisher', graph.as('partner', PUBLISHER)],
      ['editor of another organisation', graph.as('editor', OTHER_ORGANISATION)],
      ['integrator', graph.as('integrator')],
    ];
    const events = await outboxSize();
    const datasets = (await db.select({ n: count() }).from(schema.datasets))[0]!.n;
    const writes: Array<[string, Record<string, unknown>]> = [
      [PUBLISH, { input: publishInput('so-khcn-cam') }],
      [PUBLISH, { input: publishInput('so-khcn-cam-nhap', { draft: true }) }],
      [UPDATE, { input: { id: dataset.id, expectedVersion: 1, titleVi: 'Chiếm quyền' } }],
      [WITHDRAW, { input: { id: dataset.id, expectedVersion: 1, reason: 'Không được phép' } }],
      [CREATE_DISTRIBUTION, { input: { datasetId: dataset.id, titleVi: 'x', accessUrl: 'https://data.example.org/x' } }],
      [UPDATE_DISTRIBUTION, { input: { id: dataset.distributions[0]!.id, expectedVersion: 1, titleVi: 'x' } }],
      [REMOVE_DISTRIBUTION, { input: { id: dataset.distributions[0]!.id, expectedVersion: 1 } }],
    ];
    for (const [who, client] of refused) {
      for (const [mutation, variables] of writes) {
        const result = client ? await client.query(mutation, variables) : await graph.query(mutation, variables);
        expect({ who, mutation: mutation.slice(0, 60), code: result.errors?.[0]?.extensions?.code }).toEqual({
          who,
          mutation: mutation.slice(0, 60),
          code: 'FORBIDDEN',
        });
      }
    }
    // Even invalid input is refused as FORBIDDEN first: a caller who may never write learns nothing about inputs.
    const invalid = await graph.query(PUBLISH, { input: publishInput('Có Dấu') });
    expect(invalid.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await outboxSize()).toBe(events);
    expect((await db.select({ n: count() }).from(schema.datasets))[0]!.n).toBe(datasets);
    expect(await datasetRowOf(dataset.id)).toMatchObject({ version: 1, status: 'PUBLISHED', titleVi: 'Danh mục nhiệm vụ khoa học và công nghệ năm 2024' });
    // An editor of another organisation may not publish for this one, nor hand a dataset to itself.
    const other = graph.as('editor', OTHER_ORGANISATION);
    const ownPublisher = await other.query(PUBLISH, { input: publishInput('so-khac-cua-minh', { publisherId: OTHER_ORGANISATION }) });
    expect(ownPublisher.errors).toBeUndefined();
    const takeOver = await other.query(UPDATE, { input: { id: dataset.id, expectedVersion: 1, publisherId: OTHER_ORGANISATION } });
    expect(takeOver.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Admins write for any publisher.
    const admin = await graph.as('admin').query(UPDATE, { input: { id: dataset.id, expectedVersion: 1, keywords: ['quản trị'] } });
    expect(admin.errors).toBeUndefined();
  });
});
