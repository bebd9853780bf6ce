import type { Request, Response } from 'express';
import { getOperationAST, GraphQLError, OperationTypeNode, type ExecutionResult } from 'graphql';
import { ErrorCode } from '../../subgraphs/kernel/platform/errors';
import type { PreparedOperation } from './prepare-operation';

/**
 * Subscriptions over multipart HTTP, Apollo's protocol (what Apollo Client's `HttpLink` sends for
 * a subscription): a POST with `Accept: multipart/mixed;subscriptionSpec="1.0", application/json`
 * answered by one long `multipart/mixed` response, one part per event:
 *
 *     --graphql
 *     content-type: application/json
 *
 *     {"payload":{"data":{...}}}
 *     --graphql
 *
 * and an empty `{}` part now and then so proxies keep the connection open. It runs the change
 * feed that graphql-ws and SSE run (replay from `after`, then live), with the same admission.
 */
const BOUNDARY = 'graphql';
export const MULTIPART_SUBSCRIPTION_CONTENT_TYPE = `multipart/mixed;boundary="${BOUNDARY}";subscriptionSpec="1.0"`;
/** A heartbeat part this often: Apollo Router's interval, which Apollo Client expects. */
export const MULTIPART_HEARTBEAT_MS = 5_000;

/** A POST whose Accept header asks for the multipart subscription protocol. */
export function asksForMultipartSubscription(req: Request): boolean {
  return req.method === 'POST' && /multipart\/mixed[^,]*subscriptionSpec\s*=\s*"?1\.0"?/i.test(req.headers.accept ?? '');
}

/** Whether the prepared operation is a subscription (a query or mutation is the HTTP endpoint's to answer). */
export function isSubscription(prepared: PreparedOperation): boolean {
  return getOperationAST(prepared.document, prepared.operationName)?.operation === OperationTypeNode.SUBSCRIPTION;
}

export interface MultipartStream {
  /** The operation's results: the change feed's generator, or one result that refuses it. */
  results: AsyncIterableIterator<ExecutionResult> | ExecutionResult;
  heartbeatMs?: number;
}

/**
 * Streams `results` as multipart parts until the feed ends or the client goes away (which
 * ends the feed at once). A result that refuses the subscription before it starts is an HTTP
 * 400 with the errors, as the same refusal over a plain POST would be.
 */
export async function streamMultipart(res: Response, { results, heartbeatMs = MULTIPART_HEARTBEAT_MS }: MultipartStream): Promise<void> {
  if (!(Symbol.asyncIterator in results)) {
    res.status(400).json({ errors: results.errors ?? [] });
    return;
  }
  res.writeHead(200, { 'content-type': MULTIPART_SUBSCRIPTION_CONTENT_TYPE, 'cache-control': 'no-store', connection: 'keep-alive' });
  res.flushHeaders();
  // Each part is followed by the delimiter at once, so a client hands the event on without waiting for the next part.
  res.write(`\r\n--${BOUNDARY}`);
  const writePart = (body: unknown) => res.write(`\r\ncontent-type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(body)}\r\n--${BOUNDARY}`);
  const heartbeat = setInterval(() => writePart({}), heartbeatMs);
  const stop = () => void results.return?.();
  res.once('close', stop);
  try {
    writePart({}); // the stream is open: the client's subscription is established
    for (;;) {
      const { value, done } = await results.next();
      if (done || res.writableEnded || res.destroyed) break;
      writePart({ payload: value });
    }
  } catch {
    // The feed failed after starting: a transport-level error part ends the subscription (never the internal error's text).
    writePart({
      payload: null,
      errors: [new GraphQLError('The subscription failed; resume from your last cursor', { extensions: { code: ErrorCode.ServiceUnavailable } })],
    });
  } finally {
    clearInterval(heartbeat);
    res.off('close', stop);
    if (!res.writableEnded && !res.destroyed) res.end('--\r\n'); // after the last delimiter: the closing one
  }
}
