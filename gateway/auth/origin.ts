import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { RequestOrigin } from '../../subgraphs/kernel/identity/caller';
import { INTERNAL_REQUEST_HEADER, INTERNAL_REQUEST_TOKEN } from '../limits/rate-limit';

/** User agents are cut to this many characters before they reach the audit log. */
export const MAX_USER_AGENT_LENGTH = 300;

/**
 * Express's compiled `trust proxy` setting (`app.get('trust proxy fn')`, from
 * `GATEWAY_TRUST_PROXY`): whether the address `hops` steps from the gateway is a proxy whose
 * `X-Forwarded-For` may be believed.
 */
export type TrustProxy = (address: string, hops: number) => boolean;

/** Requests the gateway sends itself for a subscriber carry the subscriber's origin in these (trusted only with the internal token). */
const ORIGIN_IP_HEADER = 'x-sti-origin-ip';
const ORIGIN_USER_AGENT_HEADER = 'x-sti-origin-user-agent';

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * The client's address as Express's `req.ip` computes it, for any request (WebSocket upgrades
 * too): the socket's address, walking back through `X-Forwarded-For` only while the address
 * seen is a trusted proxy. With `GATEWAY_TRUST_PROXY=true`, the header's first hop.
 */
export function clientIp(request: IncomingMessage, trust: TrustProxy): string | null {
  const forwarded = (first(request.headers['x-forwarded-for']) ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '')
    .reverse();
  const addresses = [request.socket.remoteAddress ?? '', ...forwarded];
  let index = 0;
  while (index < addresses.length - 1 && trust(addresses[index]!, index)) index++;
  const address = addresses[index]!.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  return address === '' ? null : address;
}

/** Where a client request came from, for the audit log. */
export function requestOrigin(request: IncomingMessage, trust: TrustProxy): RequestOrigin {
  if (isInternalRequest(request.headers)) return forwardedOrigin(request.headers);
  const userAgent = first(request.headers['user-agent']);
  return { ip: clientIp(request, trust), userAgent: userAgent ? userAgent.slice(0, MAX_USER_AGENT_LENGTH) : null };
}

function isInternalRequest(headers: IncomingHttpHeaders): boolean {
  return first(headers[INTERNAL_REQUEST_HEADER]) === INTERNAL_REQUEST_TOKEN;
}

/** Headers that carry a subscriber's origin on the reads and writes the gateway sends itself for it. */
export function originHeaders(origin: RequestOrigin): Record<string, string> {
  return {
    ...(origin.ip ? { [ORIGIN_IP_HEADER]: origin.ip } : {}),
    ...(origin.userAgent ? { [ORIGIN_USER_AGENT_HEADER]: origin.userAgent } : {}),
  };
}

/** `headers` without the origin headers: what decides what a read may see (the origin only feeds the audit log of writes). */
export function withoutOrigin(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name !== ORIGIN_IP_HEADER && name !== ORIGIN_USER_AGENT_HEADER));
}

function forwardedOrigin(headers: IncomingHttpHeaders): RequestOrigin {
  return { ip: first(headers[ORIGIN_IP_HEADER]) || null, userAgent: first(headers[ORIGIN_USER_AGENT_HEADER]) || null };
}
