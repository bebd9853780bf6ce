import { mayEver } from '../kernel/access-policy';
import type { Caller } from '../kernel/caller';
import { forbidden } from '../kernel/errors';

/**
 * The role checks of this subgraph's root fields, each one rule of kernel/access-policy.ts
 * (webhooks have theirs in webhooks/access.ts). Which records a caller then sees is the
 * stores' business (store/change-log.ts `visibleChanges`).
 */

/** ACCESS_RULES.changeFeed: everyone, but an API key needs the CHANGES scope. */
export function assertCanReadChangeFeed(caller: Caller): void {
  if (!mayEver(caller, 'changeFeed')) throw forbidden('Reading the change feed with an API key needs the CHANGES scope');
}

/** ACCESS_RULES.apiKeys: admins. */
export function assertCanManageApiKeys(caller: Caller): void {
  if (!mayEver(caller, 'apiKeys')) throw forbidden('Only admins manage API keys');
}

/** ACCESS_RULES.auditLog: admins. */
export function assertCanReadAuditLog(caller: Caller): void {
  if (!mayEver(caller, 'auditLog')) throw forbidden('Only admins read the audit log');
}
