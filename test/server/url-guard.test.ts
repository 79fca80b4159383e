import { describe, expect, it } from 'vitest';
import { isInternalAddress, resolvesInternally } from '../../src/server/url-guard.js';

describe('internal addresses', () => {
  it.each([
    ['127.0.0.1', true], ['127.5.6.7', true], ['10.0.0.1', true], ['172.16.0.1', true], ['172.31.255.255', true], ['192.168.1.1', true],
    ['169.254.169.254', true], ['100.64.0.1', true], ['0.0.0.0', true], ['224.0.0.1', true],
    ['::1', true], ['::', true], ['fd00::1', true], ['fe80::1', true], ['::ffff:127.0.0.1', true], ['::ffff:10.0.0.1', true],
    ['8.8.8.8', false], ['172.32.0.1', false], ['93.184.216.34', false], ['2606:4700::1111', false], ['::ffff:8.8.8.8', false],
    ['not-an-address', true],
  ])('%s → internal %s', (address, internal) => expect(isInternalAddress(address)).toBe(internal));

  it('resolves names before judging them (localhost is this machine)', async () => {
    expect(await resolvesInternally('localhost')).toBe(true);
    expect(await resolvesInternally('[::1]')).toBe(true);
    expect(await resolvesInternally('127.0.0.1')).toBe(true);
  });
});
