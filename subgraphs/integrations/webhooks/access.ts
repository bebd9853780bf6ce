import { anonymousWritesAllowed, canManageWebhooks, isAnonymous, type Caller } from '../../kernel/caller';
import { forbidden } from '../../kernel/errors';

/**
 * Managing webhooks needs the integrator or admin role. Until authentication lands every
 * caller is anonymous, so development and tests may set ALLOW_ANONYMOUS_WRITES=true to let
 * anonymous callers manage endpoints (never in production). Such endpoints belong to an
 * anonymous owner and receive public events only. The access-control work removes this.
 */
export function assertCanManageWebhooks(caller: Caller): void {
  if (canManageWebhooks(caller)) return;
  if (isAnonymous(caller) && anonymousWritesAllowed()) return;
  throw forbidden('Managing webhooks needs the integrator or admin role');
}
