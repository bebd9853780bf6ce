import { assertAllowed } from '../../kernel/identity/access-policy';
import { notFound } from '../../kernel/platform/errors';
import type { ApiKeyModel } from '../models';
import { REFUSALS } from '../rules/refusals';
import { createApiKey as insertApiKey, revokeApiKey as revokeStoredApiKey } from '../store/api-keys';
import { newApiKeyFromInput, type ApiKeyInput } from '../validation';
import type { WriteContext } from './writer';

/** Issues a key (admins): returns it and the key itself, shown once. */
export async function createApiKey({ db, caller, requestId, now }: WriteContext, input: ApiKeyInput): Promise<{ apiKey: ApiKeyModel; secret: string }> {
  assertAllowed(caller, 'apiKeys', 'any', REFUSALS.apiKeys);
  const apiKey = newApiKeyFromInput(input, now);
  return insertApiKey(db, apiKey, caller, requestId, now);
}

/** Revokes a key (admins) and disables the webhook endpoints it created; NOT_FOUND for an unknown id. */
export async function revokeApiKey({ db, caller, requestId, now }: WriteContext, id: string): Promise<ApiKeyModel> {
  assertAllowed(caller, 'apiKeys', 'any', REFUSALS.apiKeys);
  const revoked = await revokeStoredApiKey(db, id, caller, requestId, now);
  if (!revoked) throw notFound('ApiKey', 'id', id);
  return revoked;
}
