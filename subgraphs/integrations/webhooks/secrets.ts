import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigError, readEnv } from '../../kernel/platform/env';

/**
 * Endpoint secrets at rest. With WEBHOOKS_ENCRYPTION_KEY (32 bytes, base64) they are
 * sealed with AES-256-GCM; without it they are stored as issued. Either way the API shows a
 * secret once, when it is created or rotated.
 */
const SEALED = 'enc:v1:';

function encryptionKey(): Buffer | null {
  const raw = readEnv('WEBHOOKS_ENCRYPTION_KEY');
  if (!raw) return null;
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new ConfigError('WEBHOOKS_ENCRYPTION_KEY must be 32 bytes in base64 (openssl rand -base64 32)');
  return key;
}

export function sealSecret(secret: string): string {
  const key = encryptionKey();
  if (!key) return secret;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${SEALED}${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${sealed.toString('base64')}`;
}

export function openSecret(stored: string): string {
  if (!stored.startsWith(SEALED)) return stored;
  const key = encryptionKey();
  if (!key) throw new ConfigError('A webhook secret is encrypted but WEBHOOKS_ENCRYPTION_KEY is not set');
  const [iv, tag, sealed] = stored.slice(SEALED.length).split(':') as [string, string, string];
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
}
