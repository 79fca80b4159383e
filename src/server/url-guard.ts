import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

// Addresses a node serving other machines must never fetch for a client: its own loopback, the
// private networks around it, link-local (cloud metadata services live there) and the like.
const internal = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['224.0.0.0', 3]] as const) {
  internal.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) internal.addSubnet(net, prefix, 'ipv6');

/** True for an address inside this machine or its private networks (IPv4-mapped IPv6 included). Pure. */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return internal.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 0) return true; // not an address: refuse rather than guess
  return internal.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** True when any address the host name resolves to is internal (a name that does not resolve is not). */
export async function resolvesInternally(hostname: string): Promise<boolean> {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) return isInternalAddress(host);
  const addresses = await lookup(host, { all: true }).catch(() => []);
  return addresses.some((entry) => isInternalAddress(entry.address));
}
