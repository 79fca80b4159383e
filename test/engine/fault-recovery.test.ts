import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CanceledError, NemoError } from '../../src/errors.js';
import { createEngine, type Engine, type EngineEvent } from '../../src/engine/index.js';
import { processFile } from '../../src/studio/index.js';
import { startRenderNode, type RenderNode } from '../../src/server/index.js';
import { defaultStore, type Store } from '../../src/store/index.js';
import { probe } from '../../src/media/index.js';
import { makeClip } from '../helpers/clips.js';
import { FaultProxy } from './fault-proxy.js';

// Every code of the brief's error table, produced by a proxy in front of the real node.
let node: RenderNode;
let clip: string;
let proxy: FaultProxy;
let store: Store;
let engine: Engine;
let events: EngineEvent[];
let outDir: string;
const work = mkdtempSync(join(tmpdir(), 'engine-faults-'));
let round = 0;

beforeAll(async () => {
  node = await startRenderNode({ dataDir: join(work, 'node') });
  clip = await makeClip(work, { seconds: 1, name: 'clip.mp4' });
});
afterAll(() => node.close());

beforeEach(async () => {
  round++;
  proxy = await FaultProxy.start(node.url);
  store = defaultStore(join(work, `store-${round}`));
  outDir = join(work, `out-${round}`);
  engine = createEngine({
    apiBase: proxy.url,
    accessKey: node.accessKey,
    store,
    env: {},
    liveState: false,
    pollMs: 50,
    rateLimitWaitMs: 0,
    dropPolling: { firstDelayMs: 100, nextDelayMs: 100, maxUnchanged: 5 },
  });
  events = [];
  engine.subscribe((event) => events.push(event));
});
afterEach(() => proxy.close());

const compressClip = () => processFile(engine, clip, { goalText: 'compress this video to under 300KB', outDir });
const errorsRaised = () => events.flatMap((e) => (e.name === 'error' ? [e.payload.message] : []));
const SSE = /^\/run_sse/;
const RENDER = /^\/api\/render\/proxy\/lambda$/;

describe('the error table, through a fault-injecting proxy around the real node', () => {
  it('sends the attribution headers on every call', async () => {
    await compressClip();
    const apiCalls = proxy.seen.filter((r) => r.path.startsWith('/api') || r.path.startsWith('/run_sse'));
    expect(apiCalls.length).toBeGreaterThan(4);
    for (const call of apiCalls) {
      expect(call.headers['x-skill-source']).toBe('compressor-ai');
      expect(call.headers['x-skill-version']).toMatch(/^\d+\.\d+\.\d+/);
      expect(call.headers['x-skill-platform']).toBe('unknown');
    }
    // Downloads carry no token (output URLs are unguessable), only the node's access key.
    expect(proxy.seen.filter((r) => !r.path.startsWith('/api/auth') && !r.path.startsWith('/files/')).every((r) => r.headers.authorization?.startsWith('Bearer '))).toBe(true);
    expect(proxy.seen.every((r) => r.headers['x-access-key'] === node.accessKey)).toBe(true);
  });

  it('1001 mid-session: gets a new token and retries once', async () => {
    proxy.inject({ method: 'POST', path: SSE, fault: { kind: 'answer', status: 401, body: { code: 1001, message: 'token expired' } } });
    const firstClient = store.clientId(proxy.url);
    const result = await compressClip();
    expect(existsSync(result.output)).toBe(true);
    expect(proxy.count('POST', /anonymous-token/)).toBe(2);
    expect(store.clientId(proxy.url)).not.toBe(firstClient);
    // The new token's user does not own the old session (1002), so a new session follows: the
    // message reaches a turn once, after two refusals that never ran it.
    expect(proxy.count('POST', /with-session/)).toBe(2);
    expect(proxy.count('POST', SSE)).toBe(3);
  });

  it('1002 session lost: starts a new session, uploads again, retries once', async () => {
    proxy.inject({ method: 'POST', path: SSE, fault: { kind: 'answer', status: 404, body: { code: 1002, message: 'no such session' } } });
    const result = await compressClip();
    expect(existsSync(result.output)).toBe(true);
    expect(proxy.count('POST', /with-session/)).toBe(2);
    expect(proxy.count('POST', /upload-video/)).toBe(2);
    expect(events.some((e) => e.name === 'session' && e.payload.renewed)).toBe(true);
  });

  it('429 then success: waits as long as Retry-After says, and retries once', async () => {
    proxy.inject({ method: 'POST', path: RENDER, fault: { kind: 'answer', status: 429, body: { code: 429, message: 'slow down' }, headers: { 'retry-after': '1' } } });
    const result = await compressClip();
    const renders = proxy.seen.filter((r) => r.method === 'POST' && RENDER.test(r.path));
    expect(existsSync(result.output)).toBe(true);
    expect(renders).toHaveLength(2);
    expect(renders[1].at - renders[0].at).toBeGreaterThanOrEqual(1000);
  });

  it('429 with a long Retry-After: does not wait, and says when to try again in one sentence', async () => {
    proxy.inject({ method: 'POST', path: RENDER, fault: { kind: 'answer', status: 429, body: { code: 429, message: 'slow down' }, headers: { 'retry-after': String(7 * 86_400) } } });
    await expect(compressClip()).rejects.toMatchObject({ code: 429 });
    expect(proxy.count('POST', RENDER)).toBe(1);
    expect(errorsRaised()).toEqual(['The node is limiting how often you may ask. Try again in 7 days.']);
  });

  it('the same node under a second address is another client: it gets its own token, not a 429', async () => {
    const direct = createEngine({ apiBase: node.url, accessKey: node.accessKey, store, env: {}, liveState: false });
    await engine.connect();
    await direct.connect();
    expect(store.clientId(node.url)).not.toBe(store.clientId(proxy.url));
    expect(store.token(node.url)?.token).not.toBe(store.token(proxy.url)?.token);
    expect((await direct.credits()).unlimited).toBe(true);
  });

  it('429 twice: gives up with one sentence', async () => {
    proxy.inject({ method: 'POST', path: RENDER, times: 2, fault: { kind: 'answer', status: 429, body: { code: 429, message: 'slow down' } } });
    await expect(compressClip()).rejects.toMatchObject({ code: 429 });
    expect(proxy.count('POST', RENDER)).toBe(2);
    expect(errorsRaised()).toEqual(['The node is limiting how often you may ask. Try again later.']);
  });

  it('402 on export: says to register or upgrade, not a credits message, and leaves no file', async () => {
    proxy.inject({ method: 'POST', path: RENDER, times: 9, fault: { kind: 'answer', status: 402, body: { code: 402, message: 'export blocked' } } });
    await expect(compressClip()).rejects.toBeInstanceOf(NemoError);
    expect(errorsRaised()).toEqual(['Register or upgrade your plan to unlock export.']);
    expect(existsSync(outDir) ? readdirSync(outDir) : []).toEqual([]);
    expect(engine.jobs()[0].status).toBe('failed');
  });

  it('2001: shows the registration link with the bind id', async () => {
    proxy.inject({ method: 'POST', path: SSE, fault: { kind: 'answer', status: 403, body: { code: 2001, message: 'no credits', data: { bind_id: 'b-42', register_url: 'https://nemo.example/register' } } } });
    await expect(compressClip()).rejects.toMatchObject({ code: 2001 });
    expect(errorsRaised()).toEqual(['You are out of credits. Register to get more: https://nemo.example/register?bind=b-42']);
    expect(proxy.count('POST', SSE)).toBe(1);
  });

  it('HTTP 400 on the token call: makes a new client id and retries', async () => {
    proxy.inject({ method: 'POST', path: /anonymous-token/, fault: { kind: 'answer', status: 400, body: { code: 400, message: 'X-Client-Id missing' } } });
    const firstClient = store.clientId(proxy.url);
    await engine.connect();
    expect(store.clientId(proxy.url)).not.toBe(firstClient);
    expect(proxy.count('POST', /anonymous-token/)).toBe(2);
  });

  it.each([
    [4001, 415, /not a supported .*Supported formats: mp4, mov/],
    [4002, 413, /too large .*Trim it or compress it/],
  ])('%i on upload: one sentence with what to do', async (code, status, pattern) => {
    proxy.inject({ method: 'POST', path: /upload-video/, fault: { kind: 'answer', status, body: { code, message: 'refused' } } });
    await expect(compressClip()).rejects.toMatchObject({ code });
    expect(errorsRaised()).toHaveLength(1);
    expect(errorsRaised()[0]).toMatch(pattern);
  });

  it('a stream that drops mid-turn: never re-sends, watches the state, and still delivers', async () => {
    proxy.inject({ method: 'POST', path: SSE, fault: { kind: 'drop', afterBytes: 40 } });
    const result = await compressClip();
    expect(existsSync(result.output)).toBe(true);
    expect(proxy.count('POST', SSE)).toBe(1);
    expect(events.some((e) => e.name === 'notice' && /stream dropped/.test(e.payload.text))).toBe(true);
    const done = events.find((e) => e.name === 'message:done');
    expect(done?.name === 'message:done' && done.payload.note).toMatch(/dropped/);
  });

  it('a render that fails: the job fails with the node’s reason', async () => {
    proxy.inject({ method: 'GET', path: /^\/api\/render\/proxy\/lambda\/render_/, fault: { kind: 'answer', status: 200, body: { code: 0, data: { status: 'failed', progress: 10, error: 'encoder crashed' } } } });
    await expect(compressClip()).rejects.toThrow('The render failed: encoder crashed.');
    expect(engine.jobs()[0]).toMatchObject({ status: 'failed' });
    expect(errorsRaised()[0]).toMatch(/^The render failed: encoder crashed\./);
  });

  it('an unreachable node: one sentence naming it', async () => {
    const dead = createEngine({ apiBase: 'http://127.0.0.1:9', store, env: {}, liveState: false });
    await expect(dead.connect()).rejects.toThrow('Could not reach the render node at http://127.0.0.1:9.');
  });

  it('the size promise: a node that ignores the size (like the cloud) is re-encoded here, and the user is told', async () => {
    // The proxy strips every Goal from the render request, so the node renders at its defaults.
    const stripGoals = (body: unknown) => {
      const request = body as { draft: { m?: unknown; t: { sg: { m?: { goal?: unknown } }[] }[] } };
      delete request.draft.m;
      for (const track of request.draft.t) for (const segment of track.sg) delete segment.m?.goal;
      return request;
    };
    proxy.inject({ method: 'POST', path: RENDER, fault: { kind: 'rewrite-request', change: stripGoals } });
    const big = await makeClip(work, { seconds: 1, width: 160, height: 120, name: 'big.mp4', pattern: 'noise' });
    // An output folder on another disk than the system temp folder (tmpfs), where one is mounted.
    const elsewhere = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/compressor-out-') : outDir;
    try {
      const result = await processFile(engine, big, { goalText: 'compress this video to under 30KB', outDir: elsewhere });
      expect(result.recompressed).toBe(true);
      expect(result.bytes).toBeLessThanOrEqual(30_000);
      expect(statSync(result.output).size).toBe(result.bytes);
      expect(events.some((e) => e.name === 'notice' && /re-encoding it here/.test(e.payload.text))).toBe(true);
      expect(readdirSync(elsewhere)).toEqual(['big.compressed.mp4']);
    } finally {
      if (elsewhere !== outDir) rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('the size promise on a trimmed item: the node’s file is already the window, so the local re-encode cuts nothing more', async () => {
    const stripGoals = (body: unknown) => {
      const request = body as { draft: { m?: unknown } };
      delete request.draft.m;
      return request;
    };
    proxy.inject({ method: 'POST', path: RENDER, fault: { kind: 'rewrite-request', change: stripGoals } });
    const long = await makeClip(work, { seconds: 3, width: 160, height: 120, name: 'long.mp4', pattern: 'noise' });
    const result = await processFile(engine, long, { goalText: 'keep from 1s to 2s under 30KB', outDir });
    expect(result.recompressed).toBe(true);
    expect(result.bytes).toBeLessThanOrEqual(30_000);
    expect((await probe(result.output)).durationSec).toBeCloseTo(1, 0);
  });

  it('cancel: stops the job here and asks the node to cancel the render', async () => {
    engine.on('render:queued', ({ jobId }) => engine.cancel(jobId));
    await expect(compressClip()).rejects.toBeInstanceOf(CanceledError);
    expect(engine.jobs()[0].status).toBe('canceled');
    await vi.waitFor(() => expect(proxy.count('POST', /^\/api\/render\/proxy\/lambda\/render_[^/]+\/cancel$/)).toBe(1));
    expect(errorsRaised()).toEqual(['Canceled.']);
    expect(existsSync(outDir) ? readdirSync(outDir) : []).toEqual([]);
  });
});
