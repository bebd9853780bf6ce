import { canManageWebhooks, type Caller } from '../../kernel/caller';
import { forbidden } from '../../kernel/errors';

/** Managing webhooks: ACCESS_RULES.webhooks (integrators and admins; an API key needs the WEBHOOKS scope). */
export function assertCanManageWebhooks(caller: Caller): void {
  if (!canManageWebhooks(caller)) throw forbidden('Managing webhooks needs the integrator or admin role (and, for an API key, the WEBHOOKS scope)');
}
