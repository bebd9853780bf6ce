import { createHash, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { startTestGraph, type TestGraph } from '../../../gateway/testing';
import { rowsOf, type Db } from '../../kernel/platform/db';
import { API_KEY_VERIFY_PATH } from '../../kernel/platform/internal-paths';
import { REGISTRY_STEWARD_ID } from '../../kernel/reference/seed-refs';
import * as schema from '../db/schema';

const DAY = 86_400_000;
const CREATE = `mutation ($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    secret
    apiKey { id name prefix role organization { id } domains scopes status createdAt createdBy expiresAt revokedAt revokedBy lastUsedAt }
  }
}`;
const REVOKE = `mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { id status revokedAt revokedBy } } }`;
const KEY = `query ($id: ID!) { apiKey(id: $id) { id status lastUsedAt revokedAt } }`;
const KEYS = `query ($first: Int, $after: String, $filter: ApiKeyFilter) {
  apiKeys(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } nodes { id name status } }
}`;
const AUDIT = `query ($filter: AuditLogFilter) {
  auditLog(first: 20, filter: $filter) { totalCount nodes { eventId type entityType entityId operation changedFields source actor { role subject credential requestId } } }
}`;

interface Created {
  createApiKey: {
    secret: string;
    apiKey: {
      id: string;
      name: string;
      prefix: string;
      role: string;
      organization: { id: string } | null;
      domains: string[];
      scopes: string[];
      status: string;
      createdBy: string;
      lastUsedAt: string | null;
    };
  };
}

describe('API keys', () => {
  let graph: TestGraph;
  let db: Db<typeof schema>;
  const admin = () => graph.as('admin', undefined, { sub: 'admin-lan' });
  const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
  const create = async (input: Record<string, unknown>) =>
    (await admin().queryOk<Created>(CREATE, { input: { name: 'test key', expiresAt: inDays(30), ...input } })).createApiKey;

  /** The gateway's call to the verify route (a service assertion), or another body or headers. */
  const verify = async (body: unknown, headers?: Record<string, string>) => {
    const response = await fetch(new URL(API_KEY_VERIFY_PATH, graph.subgraphs.integrations!.url), {
      method: 'POST',
      headers: { ...(headers ?? (await graph.serviceHeadersFor('integrations'))), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { caller?: Record<string, unknown>; error?: string; errors?: unknown[] } };
  };

  beforeAll(async () => {
    graph = await startTestGraph({ only: ['integrations'] });
    db = graph.dbOf('integrations');
  });
  afterAll(() => graph?.stop());

  it('an admin issues a key shown once and stored only as its SHA-256', async () => {
    const { secret, apiKey } = await create({ name: 'Bộ KH&CN sync', role: 'PARTNER', organizationId: REGISTRY_STEWARD_ID, scopes: ['CHANGES'] });
    expect(secret).toMatch(/^sti_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({
      name: 'Bộ KH&CN sync',
      prefix: secret.slice(0, 12),
      role: 'PARTNER',
      organization: { id: REGISTRY_STEWARD_ID },
      domains: [],
      scopes: ['CHANGES'],
      status: 'ACTIVE',
      createdBy: 'admin-lan',
      lastUsedAt: null,
    });
    const [row] = await db.select().from(schema.apiKeys).where(eq(schema.apiKeys.id, apiKey.id));
    expect(row!.secretHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret.slice(12));
    // No field of the API can give the key or its hash back.
    const type = await admin().queryOk<{ __type: { fields: Array<{ name: string }> } }>(`{ __type(name: "ApiKey") { fields { name } } }`);
    expect(type.__type.fields.map((field) => field.name).filter((name) => /hash|secret/i.test(name))).toEqual([]);
  });

  it('lists keys newest first with keyset pages and filters, and looks one up', async () => {
    const org = randomUUID();
    const first = await create({ name: 'list 1', role: 'EDITOR', organizationId: org, domains: ['startups'], scopes: ['WRITE'] });
    const second = await create({ name: 'list 2', role: 'PARTNER', organizationId: org });
    const third = await create({ name: 'list 3', role: 'PARTNER', organizationId: org });
    await admin().queryOk(REVOKE, { id: third.apiKey.id });

    type Keys = {
      apiKeys: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Array<{ id: string; name: string; status: string }> };
    };
    const page1 = await admin().queryOk<Keys>(KEYS, { first: 2, filter: { organizationId: org } });
    expect(page1.apiKeys.totalCount).toBe(3);
    expect(page1.apiKeys.nodes.map((n) => n.name)).toEqual(['list 3', 'list 2']);
    const page2 = await admin().queryOk<Keys>(KEYS, { first: 2, after: page1.apiKeys.pageInfo.endCursor, filter: { organizationId: org } });
    expect(page2.apiKeys.nodes.map((n) => n.name)).toEqual(['list 1']);
    expect(page2.apiKeys.pageInfo.hasNextPage).toBe(false);

    const partners = await admin().queryOk<Keys>(KEYS, { filter: { organizationId: org, role: 'PARTNER' } });
    expect(partners.apiKeys.nodes.map((n) => n.id)).toEqual([third.apiKey.id, second.apiKey.id]);
    const active = await admin().queryOk<Keys>(KEYS, { filter: { organizationId: org, active: true } });
    expect(active.apiKeys.nodes.map((n) => n.id)).toEqual([second.apiKey.id, first.apiKey.id]);
    const inactive = await admin().queryOk<Keys>(KEYS, { filter: { organizationId: org, active: false } });
    expect(inactive.apiKeys.nodes).toEqual([{ id: third.apiKey.id, name: 'list 3', status: 'REVOKED' }]);

    const one = await admin().queryOk<{ apiKey: { id: string; status: string } }>(KEY, { id: first.apiKey.id });
    expect(one.apiKey).toMatchObject({ id: first.apiKey.id, status: 'ACTIVE' });
    expect((await admin().query(KEY, { id: randomUUID() })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses everyone but admins with FORBIDDEN', async () => {
    const { apiKey } = await create({ role: 'INTEGRATOR', scopes: ['CHANGES', 'WEBHOOKS'] });
    const callers = [
      ['anonymous', graph.query.bind(graph)],
      ['partner', graph.as('partner', REGISTRY_STEWARD_ID).query],
      ['editor', graph.as('editor', REGISTRY_STEWARD_ID).query],
      ['integrator', graph.as('integrator').query],
    ] as const;
    const operations: Array<[string, Record<string, unknown>]> = [
      [KEYS, {}],
      [KEY, { id: apiKey.id }],
      [CREATE, { input: { name: 'mine', role: 'INTEGRATOR', expiresAt: inDays(30) } }],
      [REVOKE, { id: apiKey.id }],
      [AUDIT, {}],
    ];
    for (const [who, query] of callers) {
      for (const [operation, variables] of operations) {
        const result = await query(operation, variables);
        expect({ who, operation, code: result.errors?.[0]?.extensions?.code }).toEqual({ who, operation, code: 'FORBIDDEN' });
      }
    }
    expect((await admin().queryOk<{ apiKey: { status: string } }>(KEY, { id: apiKey.id })).apiKey.status).toBe('ACTIVE');
  });

  it('refuses bad input with BAD_USER_INPUT naming the field', async () => {
    const nextYear = new Date();
    nextYear.setUTCFullYear(nextYear.getUTCFullYear() + 1);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ role: 'PARTNER' }, 'input.organizationId'],
      [{ role: 'EDITOR', organizationId: 'not-an-id' }, 'input.organizationId'],
      [{ role: 'INTEGRATOR', name: '   ' }, 'input.name'],
      [{ role: 'INTEGRATOR', name: 'x'.repeat(101) }, 'input.name'],
      [{ role: 'PARTNER', organizationId: REGISTRY_STEWARD_ID, domains: ['experts'] }, 'input.domains'],
      [{ role: 'EDITOR', organizationId: REGISTRY_STEWARD_ID, domains: ['everything'] }, 'input.domains'],
      [{ role: 'PARTNER', organizationId: REGISTRY_STEWARD_ID, scopes: ['WRITE'] }, 'input.scopes'],
      [{ role: 'EDITOR', organizationId: REGISTRY_STEWARD_ID, scopes: ['WEBHOOKS'] }, 'input.scopes'],
      [{ role: 'INTEGRATOR', scopes: ['CHANGES', 'CHANGES'] }, 'input.scopes'],
      [{ role: 'INTEGRATOR', expiresAt: new Date(Date.now() - 1000).toISOString() }, 'input.expiresAt'],
      [{ role: 'INTEGRATOR', expiresAt: new Date(nextYear.getTime() + DAY).toISOString() }, 'input.expiresAt'],
    ];
    for (const [input, field] of cases) {
      const result = await admin().query(CREATE, { input: { name: 'bad', expiresAt: inDays(30), ...input } });
      expect({ input, extensions: result.errors?.[0]?.extensions }).toMatchObject({ input, extensions: { code: 'BAD_USER_INPUT', field } });
    }
    // Admin and public keys do not exist: the enum has no such value.
    expect((await admin().query(CREATE, { input: { name: 'root', role: 'ADMIN', expiresAt: inDays(30) } })).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('the verify route answers the caller of a valid key, and notes its use at most once a minute', async () => {
    const org = randomUUID();
    const { secret, apiKey } = await create({ role: 'EDITOR', organizationId: org, domains: ['startups', 'experts'], scopes: ['WRITE', 'CHANGES'] });
    const ok = await verify({ key: secret });
    expect(ok).toEqual({
      status: 200,
      body: { caller: { role: 'editor', organizationId: org, subject: `apikey:${apiKey.id}`, domains: ['startups', 'experts'], scopes: ['WRITE', 'CHANGES'] } },
    });
    const used = (await admin().queryOk<{ apiKey: { lastUsedAt: string } }>(KEY, { id: apiKey.id })).apiKey.lastUsedAt;
    expect(Date.now() - new Date(used).getTime()).toBeLessThan(10_000);
    expect((await verify({ key: secret })).status).toBe(200);
    expect((await admin().queryOk<{ apiKey: { lastUsedAt: string } }>(KEY, { id: apiKey.id })).apiKey.lastUsedAt).toBe(used);
    // A minute later the next use is noted.
    await db
      .update(schema.apiKeys)
      .set({ lastUsedAt: new Date(Date.now() - 61_000) })
      .where(eq(schema.apiKeys.id, apiKey.id));
    expect((await verify({ key: secret })).status).toBe(200);
    const later = (await admin().queryOk<{ apiKey: { lastUsedAt: string } }>(KEY, { id: apiKey.id })).apiKey.lastUsedAt;
    expect(Date.now() - new Date(later).getTime()).toBeLessThan(10_000);

    // An integrator key without an organisation answers null, and empty lists.
    const integrator = await create({ role: 'INTEGRATOR' });
    expect((await verify({ key: integrator.secret })).body.caller).toEqual({
      role: 'integrator',
      organizationId: null,
      subject: `apikey:${integrator.apiKey.id}`,
      domains: [],
      scopes: [],
    });
  });

  it('the verify route refuses unknown, revoked and expired keys with 401 and a message, a bad body with 400, and anyone but a service', async () => {
    const { secret, apiKey } = await create({ role: 'INTEGRATOR', scopes: ['CHANGES'] });

    expect(await verify({ key: `sti_${'A'.repeat(43)}` })).toEqual({ status: 401, body: { error: 'Unknown API key' } });
    expect(await verify({ key: 'Bearer something' })).toEqual({ status: 401, body: { error: expect.stringContaining('not an API key') } });
    for (const body of [{}, { key: 42 }, { key: '' }, { key: 'x'.repeat(201) }, ['sti_']]) {
      const answer = await verify(body);
      expect({ body, status: answer.status, error: typeof answer.body.error }).toEqual({ body, status: 400, error: 'string' });
    }
    // Only the graph's own processes may ask: no assertion, or a client's caller assertion, is 401.
    expect((await verify({ key: secret }, {})).status).toBe(401);
    const clientAssertion = await graph.assertionHeadersFor('integrations', { role: 'admin', organizationId: null, subject: 'x' }, { query: '{ __typename }' });
    expect((await verify({ key: secret }, clientAssertion)).status).toBe(401);

    // Expired: refused, and the message says when.
    await db
      .update(schema.apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.apiKeys.id, apiKey.id));
    expect(await verify({ key: secret })).toEqual({ status: 401, body: { error: expect.stringMatching(/^This API key expired at \d{4}-/) } });
    expect((await admin().queryOk<{ apiKey: { status: string } }>(KEY, { id: apiKey.id })).apiKey.status).toBe('EXPIRED');
    await db
      .update(schema.apiKeys)
      .set({ expiresAt: new Date(Date.now() + DAY) })
      .where(eq(schema.apiKeys.id, apiKey.id));
    expect((await verify({ key: secret })).status).toBe(200);

    // Revoked: refused at once; revoking again changes nothing.
    const revoked = await admin().queryOk<{ revokeApiKey: { apiKey: { status: string; revokedAt: string; revokedBy: string } } }>(REVOKE, { id: apiKey.id });
    expect(revoked.revokeApiKey.apiKey).toMatchObject({ status: 'REVOKED', revokedBy: 'admin-lan' });
    expect(await verify({ key: secret })).toEqual({ status: 401, body: { error: 'This API key has been revoked' } });
    const again = await admin().queryOk<{ revokeApiKey: { apiKey: { revokedAt: string } } }>(REVOKE, { id: apiKey.id });
    expect(again.revokeApiKey.apiKey.revokedAt).toBe(revoked.revokeApiKey.apiKey.revokedAt);
    expect((await admin().query(REVOKE, { id: randomUUID() })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('creating and revoking a key are audited, once each, with who did it', async () => {
    const { apiKey } = await create({ role: 'INTEGRATOR', scopes: ['WEBHOOKS'] });
    await admin().queryOk(REVOKE, { id: apiKey.id });
    await admin().queryOk(REVOKE, { id: apiKey.id });
    type Audit = { auditLog: { totalCount: number; nodes: Array<Record<string, unknown>> } };
    const audit = await admin().queryOk<Audit>(AUDIT, { filter: { entityId: apiKey.id } });
    expect(audit.auditLog.totalCount).toBe(2);
    const actor = { role: 'admin', subject: 'admin-lan', credential: 'TOKEN', requestId: expect.any(String) };
    expect(audit.auditLog.nodes).toEqual([
      {
        eventId: null,
        type: 'api_key.revoked',
        entityType: 'ApiKey',
        entityId: apiKey.id,
        operation: 'UPDATE',
        changedFields: ['revokedAt'],
        source: 'integrations',
        actor,
      },
      {
        eventId: null,
        type: 'api_key.created',
        entityType: 'ApiKey',
        entityId: apiKey.id,
        operation: 'CREATE',
        changedFields: expect.arrayContaining(['scopes', 'expiresAt']),
        source: 'integrations',
        actor,
      },
    ]);
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from integrations.audit_log where entity_id = ${apiKey.id}`));
    expect(Number(row!.n)).toBe(2);
  });
});
