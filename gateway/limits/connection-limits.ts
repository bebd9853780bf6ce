import { GraphQLError } from 'graphql';
import type { Caller } from '../../subgraphs/kernel/identity/caller';
import { readIntEnv } from '../../subgraphs/kernel/platform/env';
import { ErrorCode } from '../../subgraphs/kernel/platform/errors';

/**
 * How many long-lived connections (WebSocket connections, SSE event streams and multipart subscription responses together) one
 * client may hold open at the gateway. Each holds memory and a change-feed reader, so an
 * anonymous client opening thousands of them would exhaust the gateway.
 */
export interface ConnectionLimits {
  /** Open connections per client IP, whoever the caller (`GATEWAY_MAX_CONNECTIONS_PER_IP`); 0 = no limit. */
  perIp: number;
  /** Open connections per authenticated caller: token subject or API key (`GATEWAY_MAX_CONNECTIONS_PER_CREDENTIAL`); 0 = no limit. */
  perCredential: number;
}

/** An office behind one NAT address shares the per-IP allowance, hence the larger number. */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = { perIp: 100, perCredential: 20 };

/** WebSocket close code for a connection over a cap (after HTTP's 429; graphql-ws clients do not retry it). */
export const WS_CLOSE_TOO_MANY_CONNECTIONS = 4429;

export function connectionLimitsFromEnv(): ConnectionLimits {
  return {
    perIp: readIntEnv('GATEWAY_MAX_CONNECTIONS_PER_IP', DEFAULT_CONNECTION_LIMITS.perIp),
    perCredential: readIntEnv('GATEWAY_MAX_CONNECTIONS_PER_CREDENTIAL', DEFAULT_CONNECTION_LIMITS.perCredential),
  };
}

/** Open connections per key, up to `max` each; `open` answers how to give the place back, or null when full. */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();

  constructor(readonly max: number) {}

  /** Takes a place for `key` (null: nothing to count). The release function is safe to call twice. */
  take(key: string | null): (() => void) | null {
    if (key === null || this.max <= 0) return () => undefined;
    const count = this.open.get(key) ?? 0;
    if (count >= this.max) return null;
    this.open.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    };
  }
}

/** Who a connection counts against once authenticated: the token's subject or the API key; anonymous callers only by IP. */
export function credentialKeyOf(caller: Caller): string | null {
  if (!caller.credential || caller.credential === 'none' || !caller.subject) return null;
  return `${caller.credential}:${caller.subject}`;
}

export type ConnectionCap = 'per IP' | 'per credential';

/** The message a refused client gets (a WebSocket close reason holds at most 123 bytes). */
export function tooManyConnectionsMessage(cap: ConnectionCap, max: number): string {
  return `Too many connections: at most ${max} open ${cap}. Close one first.`;
}

export function tooManyConnectionsError(cap: ConnectionCap, max: number): GraphQLError {
  return new GraphQLError(tooManyConnectionsMessage(cap, max), {
    extensions: { code: ErrorCode.RateLimited, limit: cap === 'per IP' ? 'GATEWAY_MAX_CONNECTIONS_PER_IP' : 'GATEWAY_MAX_CONNECTIONS_PER_CREDENTIAL', max },
  });
}
