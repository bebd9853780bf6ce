import { GraphQLError } from 'graphql';
import { readIntEnv } from '../../subgraphs/kernel/platform/env';
import { ErrorCode } from '../../subgraphs/kernel/platform/errors';
import { TokenBuckets } from '../../subgraphs/kernel/platform/token-bucket';

/** What one WebSocket connection may do; the HTTP rate limit does not see its messages. */
export interface WebSocketLimits {
  /** Sustained messages per minute a connection may send (`WS_MESSAGES_PER_MINUTE`); 0 = no limit. */
  messagesPerMinute: number;
  /** Messages a connection may send at once before the sustained rate applies (`WS_MESSAGE_BURST`). */
  messageBurst: number;
  /** Operations a connection may have running at once (`WS_MAX_SUBSCRIPTIONS`). */
  maxSubscriptions: number;
}

export const DEFAULT_WEBSOCKET_LIMITS: WebSocketLimits = { messagesPerMinute: 600, messageBurst: 60, maxSubscriptions: 20 };

/**
 * Close code for a connection over its message rate: 4429, after HTTP's 429 (the 4000-4999
 * range is the application's; graphql-ws uses 44xx the same way, e.g. 4401, 4409).
 */
export const WS_CLOSE_RATE_LIMITED = 4429;

export function webSocketLimitsFromEnv(): WebSocketLimits {
  return {
    messagesPerMinute: readIntEnv('WS_MESSAGES_PER_MINUTE', DEFAULT_WEBSOCKET_LIMITS.messagesPerMinute),
    messageBurst: readIntEnv('WS_MESSAGE_BURST', DEFAULT_WEBSOCKET_LIMITS.messageBurst),
    maxSubscriptions: readIntEnv('WS_MAX_SUBSCRIPTIONS', DEFAULT_WEBSOCKET_LIMITS.maxSubscriptions),
  };
}

/** One connection's token bucket: `take()` is false once the connection sends faster than allowed. */
export class MessageRate {
  private readonly bucket: TokenBuckets | null;
  private readonly rate;

  constructor(limits: WebSocketLimits, now?: () => number) {
    this.bucket = limits.messagesPerMinute > 0 ? new TokenBuckets(now) : null;
    this.rate = { perMinute: limits.messagesPerMinute, burst: limits.messageBurst };
  }

  take(): boolean {
    return this.bucket === null || this.bucket.take('connection', this.rate) === 0;
  }
}

/** The close reason a client gets (at most 123 bytes, the WebSocket limit). */
export function rateLimitedReason(limits: WebSocketLimits): string {
  return `Rate limited: over ${limits.messagesPerMinute} messages a minute (bursts of ${limits.messageBurst})`;
}

/**
 * The error of a `subscribe` beyond `maxSubscriptions` on one connection: the extra operation
 * is refused and the connection, with its running subscriptions, stays open.
 */
export function tooManySubscriptions(max: number): GraphQLError {
  return new GraphQLError(`This connection already runs ${max} operations, the maximum. Complete one before starting another.`, {
    extensions: { code: ErrorCode.OperationLimit, limit: 'WS_MAX_SUBSCRIPTIONS', max },
  });
}
