import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../src/cli/serve-command.js';
import { parseWorkerArgs } from '../../src/cli/worker-command.js';
import { backoffMs } from '../../src/queue/backoff.js';
import { failureSentence } from '../../src/queue/node-backend.js';
import { isAttemptId, isOutputName, jobIdFor, readWorkerProgress } from '../../src/queue/protocol.js';
import { parseRedisUrl, redisLabel } from '../../src/queue/redis-url.js';

describe('queue flags and names', () => {
  it.each([
    ['redis://127.0.0.1:6380', { host: '127.0.0.1', port: 6380, db: 0 }],
    ['redis://queue.lan:7000/3', { host: 'queue.lan', port: 7000, db: 3 }],
    ['redis://:s%40cret@10.0.0.2:6379/1', { host: '10.0.0.2', port: 6379, db: 1, password: 's@cret' }],
    ['redis://[::1]:6390', { host: '::1', port: 6390, db: 0 }],
    ['redis://localhost', { host: 'localhost', port: 6379, db: 0 }],
  ])('reads %s', (text, address) => {
    expect(parseRedisUrl(text)).toEqual(address);
  });

  it.each(['http://127.0.0.1:6379', 'redis://127.0.0.1:6379/x', 'redis://127.0.0.1:6379/-1', '127.0.0.1:6379', 'redis://h:1/0?tls=1'])('refuses %s as a usage error', (text) => {
    expect(() => parseRedisUrl(text)).toThrow(/--queue must be a Redis address like redis:\/\/127\.0\.0\.1:6379\/0/);
  });

  it('a log line never shows the password', () => {
    expect(redisLabel(parseRedisUrl('redis://:hunter22@h:1/2'))).toBe('redis://h:1/2');
  });

  it.each([[1, 500], [2, 1000], [4, 4000], [5, 8000], [6, 10_000], [50, 10_000]])('try %i waits %i ms', (attempt, ms) => {
    expect(backoffMs(attempt)).toBe(ms);
  });

  it('serve: --queue with its defaults; the queue flags need --queue', () => {
    expect(parseServeArgs(['--queue', 'redis://127.0.0.1:6400/2']).queue).toEqual({ redis: { host: '127.0.0.1', port: 6400, db: 2 }, localWorkers: 1, workerKey: undefined });
    expect(parseServeArgs(['--queue', 'redis://h:1', '--local-workers', '0', '--worker-key', 'k'.repeat(16)]).queue).toMatchObject({ localWorkers: 0, workerKey: 'k'.repeat(16) });
    expect(parseServeArgs([]).queue).toBeUndefined();
    expect(() => parseServeArgs(['--local-workers', '2'])).toThrow(/need --queue/);
    expect(() => parseServeArgs(['--queue', 'redis://h:1', '--local-workers', 'two'])).toThrow(/--local-workers must be a whole number/);
    expect(() => parseServeArgs(['--queue', 'redis://h:1', '--worker-key', 'short'])).toThrow(/at least 16/);
  });

  it('worker: flags, the key from the environment, and what is missing', () => {
    const args = ['--queue', 'redis://h:1/0', '--node', 'http://10.0.0.1:8787/', '--access-key', 'key', '--concurrency', '2'];
    expect(parseWorkerArgs(args)).toEqual({ redis: { host: 'h', port: 1, db: 0 }, node: { base: 'http://10.0.0.1:8787', key: 'key' }, concurrency: 2, stallSeconds: 30 });
    expect(() => parseWorkerArgs(['--queue', 'redis://h:1'])).toThrow(/needs --queue, --node and --access-key/);
    expect(() => parseWorkerArgs([...args, '--concurrency', '0'])).toThrow(/--concurrency must be a whole number from 1 to 64/);
    expect(() => parseWorkerArgs(['--queue', 'redis://h:1', '--node', 'ftp://x', '--access-key', 'k'])).toThrow(/http:\/\/ or https:\/\//);
  });

  it('job ids: stable for a render, different per user and per submission, with no user id inside', () => {
    const record = { userId: 'user-1', id: 'render_1', createdAt: 1000 };
    expect(jobIdFor(record)).toBe(jobIdFor({ ...record }));
    expect(jobIdFor(record)).not.toBe(jobIdFor({ ...record, userId: 'user-2' }));
    expect(jobIdFor(record)).not.toBe(jobIdFor({ ...record, createdAt: 1001 }));
    expect(jobIdFor(record)).toMatch(/^r[0-9a-f]{32}$/);
  });

  it.each([
    ['item-0.mp4', true],
    ['item-12.webm', true],
    ['../item-0.mp4', false],
    ['item-0.mp4/x', false],
    ['.item-0.mp4', false],
  ])('output name %s: %s', (name, ok) => {
    expect(isOutputName(name)).toBe(ok);
  });

  it.each([['0b6c1c1e-4b0e-4c38-9d43-5d2c4f1e2a10', true], ['../../etc', false], ['short', false]])('attempt id %s: %s', (id, ok) => {
    expect(isAttemptId(id)).toBe(ok);
  });

  it.each([
    [undefined, 'The render failed on a worker without saying why.'],
    ['job stalled more than allowable limit', 'The render was cut short on several workers in a row (each went away mid-render), so it was given up.'],
    ['No encode can reach 2 KB.', 'No encode can reach 2 KB.'],
    ['job r0123456789abcdef0123456789abcdef: input m_0123456789abcdef0123456789abcdef: the node answered 409.', "The render failed on a worker; the node's operator can see why in its log."],
    ['fetch http://10.0.0.2:8080/api/worker/jobs failed', "The render failed on a worker; the node's operator can see why in its log."],
    ["ENOENT: no such file or directory, open '/tmp/compressor-worker-x/media'", "The render failed on a worker; the node's operator can see why in its log."],
    ['Error: boom\n    at run (worker.js:1:1)', "The render failed on a worker; the node's operator can see why in its log."],
    ['The encoder failed on this video. Try again, or another format or size.', 'The encoder failed on this video. Try again, or another format or size.'],
  ])('failure %s reads as one sentence', (reason, sentence) => {
    expect(failureSentence(reason)).toBe(sentence);
  });
});

describe('readWorkerProgress', () => {
  const items = [{ status: 'completed' as const, progress: 100 }, { status: 'processing' as const, progress: 20 }];
  it.each<[string, unknown, ReturnType<typeof readWorkerProgress>]>([
    ["an older worker's number", 42, { percent: 42 }],
    ['the overall and each item', { percent: 60, items }, { percent: 60, items }],
    ['items that do not read as items are dropped', { percent: 60, items: [{ status: 'rendering', progress: 20 }] }, { percent: 60 }],
    ['no percent is no report', { items }, undefined],
    ['text is no report', '42', undefined],
    ['not a number is no report', Number.NaN, undefined],
    ['null is no report', null, undefined],
  ])('%s', (_name, data, expected) => {
    expect(readWorkerProgress(data)).toEqual(expected);
  });
});
