import type { ApiKeyResolvers, ApiKeyRole, ApiKeyStatus } from '../generated/graphql';
import type { ApiKeyModel } from '../models';

export const API_KEY_ROLES: Record<ApiKeyRole, ApiKeyModel['role']> = { PARTNER: 'partner', EDITOR: 'editor', INTEGRATOR: 'integrator' };

export function apiKeyStatus(apiKey: Pick<ApiKeyModel, 'revokedAt' | 'expiresAt'>, now: Date): ApiKeyStatus {
  if (apiKey.revokedAt) return 'REVOKED';
  return apiKey.expiresAt <= now ? 'EXPIRED' : 'ACTIVE';
}

export const ApiKey: ApiKeyResolvers = {
  role: (apiKey) => apiKey.role.toUpperCase() as ApiKeyRole,
  organization: (apiKey) => (apiKey.organizationId ? { id: apiKey.organizationId } : null),
  status: (apiKey, _args, { now }) => apiKeyStatus(apiKey, now),
};
