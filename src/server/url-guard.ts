import { lookup as lookupCallback, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { Agent } from 'undici';

// Addresses a node must never fetch for a client: its own loopback, the private networks around it,
// link-local (cloud metadata services live there), benchmark, documentation and multicast ranges.
const internal = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 3],
] as const) {
  internal.addSubnet(net, prefix, 'ipv4');
}
// IPv6 ranges that are private, or that carry an IPv4 address to a gateway which would connect to it
// for us (NAT64, 6to4, Teredo): the IPv4 address inside could be any of the above.
for (const [net, prefix] of [
  ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 32], ['2001:db8::', 32], ['2002::', 16],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) {
  internal.addSubnet(net, prefix, 'ipv6');
}

/** True for an address inside this machine or its private networks, in any IPv6 spelling of it. Pure. */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return internal.check(address, 'ipv4');
  if (family === 0 || address.includes('%')) return true; // not an address, or a zoned (link-local) one: refuse rather than guess
  const groups = ipv6Groups(address);
  const zeros = (count: number) => groups.slice(0, count).every((group) => group === 0);
  // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (translated) reach the IPv4 address inside.
  if ((zeros(5) && groups[5] === 0xffff) || (zeros(4) && groups[4] === 0xffff && groups[5] === 0)) {
    return internal.check(`${groups[6] >> 8}.${groups[6] & 0xff}.${groups[7] >> 8}.${groups[7] & 0xff}`, 'ipv4');
  }
  // ::/96: the unspecified address, loopback and the deprecated IPv4-compatible form (::7f00:1).
  if (zeros(6)) return true;
  return internal.check(address, 'ipv6');
}

/** The eight 16-bit groups of a valid IPv6 address (the URL parser writes it out in hex first). */
function ipv6Groups(address: string): number[] {
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head, tail] = canonical.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const before = parse(head);
  const after = parse(tail);
  return tail === undefined ? before : [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after];
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
