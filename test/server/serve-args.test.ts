import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../src/cli/serve-command.js';
import { DEFAULT_NODE_PORT } from '../../src/paths.js';

describe('parseServeArgs', () => {
  it.each([
    [[], { host: '127.0.0.1', port: DEFAULT_NODE_PORT }],
    [['--port', '0', '--data', '/tmp/d'], { port: 0, dataDir: '/tmp/d' }],
    [['--host', '0.0.0.0', '--access-key', 'long-enough-key', '--credits', '5'], { host: '0.0.0.0', accessKey: 'long-enough-key', credits: 5 }],
  ])('%o → %o', (args, expected) => {
    expect(parseServeArgs(args)).toMatchObject(expected);
  });

  it.each([
    [['--port', 'http'], /--port/],
    [['--port', '70000'], /--port/],
    [['--credits', '-1'], /--credits/],
    [['--access-key', 'short'], /--access-key/],
    [['--bogus'], /bogus/],
  ])('refuses %o with a usage error', (args, message) => {
    expect(() => parseServeArgs(args)).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(message) }));
  });
});
