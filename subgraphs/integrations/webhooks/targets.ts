import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where webhooks may go. In production only public addresses: a hostname is resolved and
 * every address it has is checked, at creation and again before each attempt (a DNS record
 * can change after the endpoint was accepted).
 */

const blocked = new BlockList();
// IPv4: "this" network, private, carrier-grade NAT, loopback, link-local, benchmarking, multicast and reserved.
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
// IPv6: unspecified, loopback, unique-local, link-local, multicast.
blocked.addAddress('::', 'ipv6');
blocked.addAddress('::1', 'ipv6');
for (const [network, prefix] of [
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(network, prefix, 'ipv6');

/** True for loopback, private, link-local and other non-public addresses (IPv4-mapped IPv6 included). */
export function isNonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class TargetError extends Error {
  override name = 'TargetError';
}

/** Checks the URL's shape (http or https, no credentials). Throws TargetError. */
export function parseTargetUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetError('url must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TargetError('url must use http or https');
  if (url.username || url.password) throw new TargetError('url must not contain credentials');
  if (raw.length > 2000) throw new TargetError('url must be at most 2000 characters');
  return url;
}

/** Checks the URL and, unless private targets are allowed, that its host resolves only to public addresses. */
export async function checkTarget(raw: string, allowPrivate: boolean): Promise<URL> {
  const url = parseTargetUrl(raw);
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch {
      throw new TargetError(`url's host ${host} does not resolve`);
    }
  }
  const refused = addresses.find(isNonPublicAddress);
  if (refused !== undefined) throw new TargetError(`url must point to a public address; ${host} is ${refused} (loopback, private or link-local)`);
  return url;
}
