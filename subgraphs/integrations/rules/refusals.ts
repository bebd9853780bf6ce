import type { RuleId } from '../../kernel/identity/access-policy';

/**
 * What a refused caller is told, per access rule of this subgraph's root fields (kernel
 * `assertAllowed(caller, rule, 'any', REFUSALS[rule])`): who may, in words. Which records a
 * caller then sees is the stores' business (`visibleChanges`, webhooks' `ownedBy`).
 */
export const REFUSALS = {
  webhooks: 'Managing webhooks needs the integrator or admin role (and, for an API key, the WEBHOOKS scope)',
  apiKeys: 'Only admins manage API keys',
  changeFeed: 'Reading the change feed with an API key needs the CHANGES scope',
  auditLog: 'Only admins read the audit log',
} as const satisfies Partial<Record<RuleId, string>>;
