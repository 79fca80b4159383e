import { lookup as lookupCallback, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { Agent } from 'undici';

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

/** The error code of a connection refused because the name resolved to an internal address. */
export const INTERNAL_ADDRESS = 'EINTERNALADDRESS';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * dns.lookup for sockets, refusing a name that resolves to any internal address. It runs when the
 * socket connects, so the address judged is the one connected to: a name that answered with a
 * public address at the check and an internal one now (DNS rebinding) is still refused.
 */
export function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  lookupCallback(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '');
    if (addresses.length === 0 || addresses.some((entry) => isInternalAddress(entry.address))) {
      return callback(Object.assign(new Error(`${hostname} resolves to an internal address.`), { code: INTERNAL_ADDRESS }), '');
    }
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0].address, addresses[0].family);
  });
}

let publicAgent: Agent | undefined;

/** An HTTP agent whose connections reach public addresses only (see publicOnlyLookup). */
export function publicOnlyAgent(): Agent {
  publicAgent ??= new Agent({ connect: { lookup: publicOnlyLookup } });
  return publicAgent;
}

/** True when any address the host name resolves to is internal (a name that does not resolve is not). */
export async function resolvesInternally(hostname: string): Promise<boolean> {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) return isInternalAddress(host);
  const addresses = await lookup(host, { all: true }).catch(() => []);
  return addresses.some((entry) => isInternalAddress(entry.address));
}
