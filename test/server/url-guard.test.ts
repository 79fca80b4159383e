import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetch } from 'undici';
import { describe, expect, it } from 'vitest';
import { causeChain } from '../../src/errors.js';
import { INTERNAL_ADDRESS, isInternalAddress, publicOnlyAgent, publicOnlyLookup, resolvesInternally } from '../../src/server/url-guard.js';

describe('internal addresses', () => {
  it.each([
    ['127.0.0.1', true], ['127.5.6.7', true], ['10.0.0.1', true], ['172.16.0.1', true], ['172.31.255.255', true], ['192.168.1.1', true],
    ['169.254.169.254', true], ['100.64.0.1', true], ['0.0.0.0', true], ['224.0.0.1', true],
    ['::1', true], ['::', true], ['fd00::1', true], ['fe80::1', true], ['::ffff:127.0.0.1', true], ['::ffff:10.0.0.1', true],
    ['8.8.8.8', false], ['172.32.0.1', false], ['93.184.216.34', false], ['2606:4700::1111', false], ['::ffff:8.8.8.8', false],
    ['not-an-address', true],
  ])('%s → internal %s', (address, internal) => expect(isInternalAddress(address)).toBe(internal));

  // What the outside probe found missing: ranges that reach an internal IPv4 address through a
  // gateway, the benchmark range, and loopback in spellings other than the usual ones.
  it.each([
    ['64:ff9b::7f00:1', true], ['64:ff9b::808:808', true], ['64:ff9b:1::a00:1', true], ['2002:7f00:1::1', true], ['2002:808:808::1', true],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', true], ['198.18.0.1', true], ['198.19.255.255', true], ['198.20.0.1', false],
    ['::7f00:1', true], ['::127.0.0.1', true], ['::808:808', true], ['::ffff:7f00:1', true], ['0:0:0:0:0:ffff:7f00:1', true],
    ['::ffff:0:7f00:1', true], ['::ffff:0:a00:1', true], ['::FFFF:127.0.0.1', true], ['::ffff:808:808', false],
    ['::ffff:198.18.0.1', true], ['fe80::1%eth0', true], ['fec0::1', true], ['2001:db8::1', true], ['192.0.2.1', true],
    ['2a00:1450:4001:80b::200e', false], ['2001:4860:4860::8888', false],
  ])('%s → internal %s (gateways, benchmark range, other spellings)', (address, internal) => expect(isInternalAddress(address)).toBe(internal));

  it('resolves names before judging them (localhost is this machine)', async () => {
    expect(await resolvesInternally('localhost')).toBe(true);
    expect(await resolvesInternally('[::1]')).toBe(true);
    expect(await resolvesInternally('127.0.0.1')).toBe(true);
  });
});

describe('the connect-time guard (what DNS answers when the socket connects)', () => {
  it('refuses a connection to a name that resolves to this machine, before a byte is sent', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end('secret');
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    try {
      const { port } = server.address() as AddressInfo;
      const error = await fetch(`http://localhost:${port}/`, { dispatcher: publicOnlyAgent() }).then(
        () => expect.unreachable('the guarded agent reached localhost'),
        (failure: unknown) => failure,
      );
      expect([...causeChain(error)].map((cause) => (cause as NodeJS.ErrnoException).code)).toContain(INTERNAL_ADDRESS);
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  it('passes a public address on, in both shapes a socket asks for', async () => {
    const one = await new Promise((done, fail) => publicOnlyLookup('8.8.8.8', {}, (error, address, family) => (error ? fail(error) : done([address, family]))));
    const all = await new Promise((done, fail) => publicOnlyLookup('8.8.8.8', { all: true }, (error, addresses) => (error ? fail(error) : done(addresses))));
    expect([one, all]).toEqual([['8.8.8.8', 4], [{ address: '8.8.8.8', family: 4 }]]);
  });
});
