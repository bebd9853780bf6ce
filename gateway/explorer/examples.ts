/**
 * The example operations the explorer opens with, one tab each: the README's first query,
 * a programme's indicators, and the live change feed. Kept here so the README and the
 * explorer show the same things (gateway/test/explorer.test.ts runs the first one).
 */
export interface ExampleOperation {
  query: string;
  variables?: string;
}

export const EXAMPLE_OPERATIONS: ExampleOperation[] = [
  {
    query: `# A first query: innovation hubs with their operators (resolved by another subgraph)
# and organisations found by a search that ignores case and diacritics.
# Run it with the ▶ button; open the docs (the book icon) to browse the schema.
{
  hubs(first: 5) {
    totalCount
    nodes {
      name { vi en }
      address
      operator { shortName name { vi en } organizationKind }
      provenance { synthetic outlet url seed }
    }
  }
  organizations(first: 5, filter: { search: "so khoa hoc" }) {
    nodes { name { vi } shortName }
  }
}
`,
  },
  {
    query: `# Programmes and their figures, Vietnamese first.
query Programmes {
  programmes(first: 5) {
    nodes {
      code
      title { vi en }
      provenance { synthetic outlet url }
    }
  }
}
`,
  },
  {
    query: `# The change feed, live over WebSocket (graphql-ws). Give "after" a cursor to replay from it
# first. Credentials: put {"authorization": "Bearer <token>"} or {"x-api-key": "sti_..."}
# in the Headers editor below; they are sent with subscriptions too.
subscription Changes($after: String) {
  changes(after: $after) {
    cursor
    type
    entityType
    entityId
    occurredAt
  }
}
`,
    variables: '{ "after": null }',
  },
];
