/**
 * Which subgraph owns (resolves) each type implementing `Node`: the one `node(id:)` asks.
 * test/node-owners.test.ts checks it against the client schema and the owners' SDL, so a new entity cannot be left out.
 */
export const NODE_OWNERS = {
  programmes: [
    'Organization',
    'Programme',
    'TaskGroup',
    'Indicator',
    'Target',
    'Observation',
    'ObservationRevision',
    'Task',
    'ResearchProject',
    'ProgrammeBoard',
  ],
  startups: ['Startup', 'StartupProject', 'InnovationHub', 'Cohort', 'FundingRound'],
  experts: ['Expert', 'ExpertiseArea', 'Network', 'Membership', 'Engagement'],
  catalogue: ['Dataset', 'Distribution'],
} as const satisfies Record<string, readonly string[]>;

export type NodeOwner = keyof typeof NODE_OWNERS;
export type NodeTypename = (typeof NODE_OWNERS)[NodeOwner][number];

export const NODE_TYPENAMES: readonly NodeTypename[] = Object.values(NODE_OWNERS).flat();
