import { createHash, randomUUID } from 'node:crypto';

/**
 * IDs are opaque strings (UUIDs) everywhere in the graph. Seeded records get a stable UUID
 * derived from their type and natural key (UUID v5), so every subgraph can refer to
 * another's seeded records (an InnovationHub's operator Organization) without reading
 * its database, and a re-seed gives the same ids.
 */
const NAMESPACE = Buffer.from('6f1d3c2a9b8e4d7f8a1b2c3d4e5f6a7b', 'hex');

export function stableId(typename: string, naturalKey: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(`${typename}:${naturalKey}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function newId(): string {
  return randomUUID();
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isId(value: string): boolean {
  return UUID_PATTERN.test(value);
}
