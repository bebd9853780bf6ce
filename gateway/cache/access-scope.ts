import type { Caller } from '../../subgraphs/kernel/identity/caller';

/**
 * What about a caller can change what a subgraph answers: role, organisation, subject (an
 * integrator's own webhook endpoints), named domains, API key scopes and how they
 * authenticated. Never where the request came from: that is only written to the audit log,
 * and requests that write are never shared. Two callers with the same key are served the
 * same answers by every subgraph, so only they may share a fetch.
 */
export function accessScopeKey(caller: Caller | undefined): string {
  if (!caller) return 'none';
  return JSON.stringify([
    caller.role,
    caller.organizationId,
    caller.subject,
    [...(caller.domains ?? [])].sort(),
    caller.scopes ? [...caller.scopes].sort() : null,
    caller.credential ?? null,
  ]);
}

/**
 * A caller whose answers anyone may be given: no credential at all. (A token with the
 * `public` role has a subject; it is not treated as anonymous.)
 */
export function isAnonymousRequest(caller: Caller | undefined): boolean {
  return (
    caller !== undefined &&
    caller.credential === 'none' &&
    caller.role === 'public' &&
    caller.subject === null &&
    caller.organizationId === null &&
    !caller.scopes &&
    !caller.domains?.length
  );
}
