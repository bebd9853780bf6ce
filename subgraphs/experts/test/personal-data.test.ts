import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, visit, type InterfaceTypeDefinitionNode, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode } from 'graphql';
import { startTestGraph, type TestClient, type TestGraph } from '../../../gateway/testing';
import { ACCESS_RULES } from '../../kernel/identity/access-policy';
import type { Caller, Role } from '../../kernel/identity/caller';
import type { GraphQLHttpResult } from '../../kernel/testing/http';
import { organizationId, REGISTRY_STEWARD_ID } from '../../kernel/reference/seed-refs';
import { DEFAULT_EXPERTS } from './expected';

/**
 * An expert's contact details (`Expert.contact { email phone }`, personal data under Decree
 * 13/2023) on every path a caller can take, for every role: the root queries, through another
 * subgraph's record (a research project's reviewers, a startup's mentors, an organisation's
 * affiliated experts, a change's entity), a direct `_entities` call to the experts subgraph and
 * a write's answer. Allowed roles get the values; every other role gets null with one
 * `FORBIDDEN` error per expert, and not a character of the details anywhere in the answer.
 */

type Contact = { email: string | null; phone: string | null };
type Client = Pick<TestClient, 'query'>;

/** Who may read contact details, written out here and checked against the declaration below. */
const MAY_READ: Record<Role, boolean> = { public: false, partner: true, editor: false, integrator: false, admin: true };
const ROLES = Object.keys(MAY_READ) as Role[];
const PARTNER_ORG = organizationId('bo-khcn');
const CONTACT = 'contact { email phone }';
const CREATED_CONTACT: Contact = { email: 'rieng.tu.ma.tran@example.invalid', phone: '+84 000 999 0001' };

/** The same organisation as the gateway's token names it, for the direct subgraph calls. */
const CALLERS: Record<Role, Caller> = {
  public: { role: 'public', organizationId: null, subject: null },
  partner: { role: 'partner', organizationId: PARTNER_ORG, subject: 'test-partner' },
  editor: { role: 'editor', organizationId: REGISTRY_STEWARD_ID, subject: 'test-editor', domains: ['experts'] },
  integrator: { role: 'integrator', organizationId: null, subject: 'test-integrator' },
  admin: { role: 'admin', organizationId: null, subject: 'test-admin' },
};

/** Every object of an answer that carries `contact`, with the id beside it. */
function contactsIn(value: unknown, found: Array<{ id: string; contact: Contact | null }> = []): Array<{ id: string; contact: Contact | null }> {
  if (Array.isArray(value)) for (const item of value) contactsIn(item, found);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('contact' in record) found.push({ id: record.id as string, contact: record.contact as Contact | null });
    for (const [key, child] of Object.entries(record)) if (key !== 'contact') contactsIn(child, found);
  }
  return found;
}

describe("an expert's contact details, on every path, for every role", () => {
  let graph: TestGraph;
  let clients: Record<Role, Client>;
  const expected = new Map<string, Contact>(
    DEFAULT_EXPERTS.map(({ expert, contact }) => [expert.id!, { email: contact.email ?? null, phone: contact.phone ?? null }]),
  );
  let createdId: string;

  // Demo experts that reach the contact field through each other subgraph's record.
  const reviewer = DEFAULT_EXPERTS.find(({ engagements }) => engagements.some((e) => e.targetType === 'ResearchProject' && e.status !== 'DECLINED'))!;
  const reviewed = reviewer.engagements.find((e) => e.targetType === 'ResearchProject' && e.status !== 'DECLINED')!.targetId;
  const mentor = DEFAULT_EXPERTS.find(({ engagements }) => engagements.some((e) => e.targetType === 'Startup' && e.status !== 'DECLINED'))!;
  const mentored = mentor.engagements.find((e) => e.targetType === 'Startup' && e.status !== 'DECLINED')!.targetId;
  const affiliated = DEFAULT_EXPERTS.find(({ affiliations }) => affiliations.some((a) => a.organizationId && !a.endedOn))!;
  const employer = affiliated.affiliations.find((a) => a.organizationId && !a.endedOn)!.organizationId!;

  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes', 'startups', 'experts', 'integrations'] });
    clients = {
      public: { query: <T>(text: string, variables?: Record<string, unknown>) => graph.query<T>(text, variables) },
      partner: graph.as('partner', PARTNER_ORG),
      // The strongest editor there is for experts: of the steward that owns them, and named for the domain.
      editor: graph.as('editor', REGISTRY_STEWARD_ID, { domains: ['experts'] }),
      integrator: graph.as('integrator'),
      admin: graph.as('admin'),
    };
    // A written expert, so the change feed has an Expert to resolve.
    const created = await graph
      .as('admin')
      .queryOk<{ createExpert: { expert: { id: string } } }>('mutation ($input: CreateExpertInput!) { createExpert(input: $input) { expert { id } } }', {
        input: { fullName: 'Ma Trận Riêng Tư', countryOfResidence: 'VN', contact: CREATED_CONTACT },
      });
    createdId = created.createExpert.expert.id;
    expected.set(createdId, CREATED_CONTACT);
    await graph.subgraphs.experts!.relay!.flush();
  }, 180_000); // four subgraphs migrated and seeded: slow on a busy machine
  afterAll(() => graph?.stop());

  /** Checks one answer for one role: the values for those who may read them, null and FORBIDDEN for the rest. */
  function expectFollowsTheRule(role: Role, pathName: string, result: GraphQLHttpResult<unknown>, minimum = 1): void {
    const found = contactsIn(result.data);
    expect({ role, pathName, enough: found.length >= minimum }).toEqual({ role, pathName, enough: true });
    if (MAY_READ[role]) {
      expect({ role, pathName, errors: result.errors ?? [] }).toEqual({ role, pathName, errors: [] });
      for (const { id, contact } of found) expect({ role, pathName, id, contact }).toEqual({ role, pathName, id, contact: expected.get(id) });
      return;
    }
    for (const { id, contact } of found) expect({ role, pathName, id, contact }).toEqual({ role, pathName, id, contact: null });
    expect({ role, pathName, codes: (result.errors ?? []).map((error) => [error.extensions?.code, error.path?.at(-1)]) }).toEqual({
      role,
      pathName,
      codes: found.map(() => ['FORBIDDEN', 'contact']),
    });
    const body = JSON.stringify(result);
    for (const secret of ['example.invalid', '+84 000'])
      expect({ role, pathName, secret, leaked: body.includes(secret) }).toEqual({ role, pathName, secret, leaked: false });
  }

  it('the roles that may read contact details are those ACCESS_RULES.personalData declares', () => {
    expect(Object.fromEntries(ROLES.map((role) => [role, ACCESS_RULES.personalData.reach[role] !== 'none']))).toEqual(MAY_READ);
  });

  const paths: Array<[string, string, () => Record<string, unknown>]> = [
    ['root: expert by id', `query ($id: ID) { expert(id: $id) { id ${CONTACT} } }`, () => ({ id: reviewer.expert.id })],
    ['root: experts list', `{ experts(first: 5) { nodes { id ${CONTACT} } } }`, () => ({})],
    ['root: findExperts', `{ findExperts(first: 5, filter: { areas: ["1"] }) { edges { node { id ${CONTACT} } } } }`, () => ({})],
    ['through a research project (programmes)', `query ($id: ID) { researchProject(id: $id) { reviewers { id ${CONTACT} } } }`, () => ({ id: reviewed })],
    ['through a startup (startups)', `query ($id: ID!) { startup(id: $id) { mentors { id ${CONTACT} } } }`, () => ({ id: mentored })],
    [
      'through an organisation (programmes)',
      `query ($id: ID!) { organization(id: $id) { affiliatedExperts(first: 5, synthetic: null) { id ${CONTACT} } } }`,
      () => ({ id: employer }),
    ],
    [
      'through a change of the feed (integrations)',
      `query ($ids: [ID!]) { changes(first: 5, filter: { entityIds: $ids }) { nodes { before after entity { ... on Expert { id ${CONTACT} } } } } }`,
      () => ({ ids: [createdId] }),
    ],
  ];

  for (const role of ROLES) {
    it(`${role}: ${MAY_READ[role] ? 'reads' : 'never reads'} contact details through the gateway, from the root and through other subgraphs' records`, async () => {
      for (const [pathName, query, variables] of paths) {
        const result = await clients[role].query(query, variables());
        expect({ pathName, status: result.status }).toEqual({ pathName, status: 200 });
        expectFollowsTheRule(role, pathName, result);
      }
    });

    it(`${role}: ${MAY_READ[role] ? 'reads' : 'never reads'} contact details by a direct _entities call to the experts subgraph`, async () => {
      const ids = [reviewer.expert.id!, mentor.expert.id!, createdId];
      const result = await graph.postToSubgraph(
        'experts',
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Expert { id ${CONTACT} } } }`,
        { r: ids.map((id) => ({ __typename: 'Expert', id })) },
        CALLERS[role],
      );
      expectFollowsTheRule(role, '_entities', result, ids.length);
    });
  }

  it("the change feed never carries contact details in an event's snapshots, whoever reads it, and names the change only to those who may read them", async () => {
    for (const role of ROLES) {
      const result = await clients[role].query<{ changes: { nodes: Array<{ changedFields: string[]; before: unknown; after: unknown }> } }>(
        'query ($ids: [ID!]) { changes(first: 5, filter: { entityIds: $ids }) { nodes { changedFields before after } } }',
        { ids: [createdId] },
      );
      expect(result.data?.changes.nodes).toHaveLength(1);
      // Named (never valued) to callers who may read contact details; left out for the others, as the field is.
      expect({ role, named: result.data!.changes.nodes[0]!.changedFields.includes('contact') }).toEqual({ role, named: MAY_READ[role] });
      const body = JSON.stringify(result.data);
      for (const secret of [CREATED_CONTACT.email!, CREATED_CONTACT.phone!, 'example.invalid'])
        expect({ role, secret, leaked: body.includes(secret) }).toEqual({ role, secret, leaked: false });
    }
  });

  it("a write's answer follows the same rule: the editor who wrote the details does not read them back, an admin does", async () => {
    const mutation = `mutation ($input: UpdateExpertInput!) { updateExpert(input: $input) { expert { id version ${CONTACT} } } }`;
    const { expert } = await graph.queryOk<{ expert: { version: number } }>('query ($id: ID) { expert(id: $id) { version } }', { id: createdId });
    const byEditor = await clients.editor.query<{ updateExpert: { expert: { version: number } } }>(mutation, {
      input: { id: createdId, expectedVersion: expert.version, keywords: ['ma trận'] },
    });
    expect(byEditor.data?.updateExpert.expert.version).toBe(expert.version + 1); // written...
    expectFollowsTheRule('editor', 'updateExpert answer', byEditor); // ...but not read back
    const byAdmin = await clients.admin.query(mutation, { input: { id: createdId, expectedVersion: expert.version + 1, keywords: ['ma trận', 'quản trị'] } });
    expectFollowsTheRule('admin', 'updateExpert answer', byAdmin);
  });

  it('no filter, search or sort lets a caller probe contact details: searching for an email finds nothing, for any role', async () => {
    const email = expected.get(reviewer.expert.id!)!.email!;
    for (const role of ROLES) {
      const result = await clients[role].query<{ experts: { totalCount: number }; byDomain: { totalCount: number }; findExperts: { totalCount: number } }>(
        `query ($email: String!) {
          experts(filter: { search: $email }) { totalCount }
          byDomain: experts(filter: { search: "example.invalid" }) { totalCount }
          findExperts(filter: { keywords: [$email] }) { totalCount }
        }`,
        { email },
      );
      expect({ role, data: result.data }).toEqual({ role, data: { experts: { totalCount: 0 }, byDomain: { totalCount: 0 }, findExperts: { totalCount: 0 } } });
    }
  });

  it('the schema names contact details only in the Expert.contact field and the write inputs: no argument, filter field or enum value', () => {
    const document = parse(readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));
    const mentions: string[] = [];
    const personal = /e-?mail|phone|contact/i;
    const named = (owner: string, name: string) => void (personal.test(name) && mentions.push(`${owner}.${name}`));
    const fieldsOf = (node: ObjectTypeDefinitionNode | ObjectTypeExtensionNode | InterfaceTypeDefinitionNode) => {
      for (const field of node.fields ?? []) {
        named(node.name.value, field.name.value);
        for (const argument of field.arguments ?? []) named(`${node.name.value}.${field.name.value}`, `(${argument.name.value})`);
      }
    };
    // Fields and their arguments of object types (and extensions of other subgraphs' types), input fields, enum values.
    visit(document, {
      ObjectTypeDefinition: fieldsOf,
      ObjectTypeExtension: fieldsOf,
      InterfaceTypeDefinition: fieldsOf,
      InputObjectTypeDefinition: (node) => {
        for (const field of node.fields ?? []) named(node.name.value, field.name.value);
      },
      EnumTypeDefinition: (node) => {
        for (const value of node.values ?? []) named(node.name.value, value.name.value);
      },
    });
    expect(mentions.sort()).toEqual([
      'CreateExpertInput.contact',
      'Expert.contact',
      'ExpertContact.email',
      'ExpertContact.phone',
      'ExpertContactInput.email',
      'ExpertContactInput.phone',
      'UpdateExpertInput.contact',
    ]);
  });
});
