import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestToken } from '../../src/engine/api/index.js';
import { createEngine } from '../../src/engine/index.js';
import { startRenderNode, type RenderNode } from '../../src/server/index.js';
import { defaultStore } from '../../src/store/index.js';
import { FaultProxy } from './fault-proxy.js';

// The first connection (the brief): NEMO_TOKEN, else a stored valid token, else an anonymous one.
let node: RenderNode;
let proxy: FaultProxy;
const work = mkdtempSync(join(tmpdir(), 'engine-cred-'));
let n = 0;
const freshStore = () => defaultStore(join(work, `store-${++n}`));

beforeAll(async () => {
  node = await startRenderNode({ dataDir: join(work, 'node') });
  proxy = await FaultProxy.start(node.url);
});
afterAll(async () => {
  await proxy.close();
  await node.close();
});

const sourcesOf = (engine: ReturnType<typeof createEngine>) => {
  const sources: string[] = [];
  engine.on('auth', (auth) => auth.source && sources.push(auth.source));
  return sources;
};

describe('the first connection', () => {
  it('uses NEMO_TOKEN when it is set, without asking for another or storing it', async () => {
    const { token } = await requestToken({ base: node.url, accessKey: node.accessKey }, 'env-client');
    const store = freshStore();
    const engine = createEngine({ apiBase: node.url, accessKey: node.accessKey, store, env: { NEMO_TOKEN: token }, liveState: false });
    const sources = sourcesOf(engine);
    await engine.connect();
    expect(sources).toEqual(['environment']);
    expect((await engine.credits()).unlimited).toBe(true);
    expect(store.token(node.url)).toBeUndefined();
  });

  it('asks for an anonymous token when the stored one has expired', async () => {
    const store = freshStore();
    store.saveToken(proxy.url, { token: 'old', expiresAt: '2020-01-01T00:00:00Z' });
    const engine = createEngine({ apiBase: proxy.url, accessKey: node.accessKey, store, env: {}, liveState: false });
    const sources = sourcesOf(engine);
    await engine.connect();
    expect(sources).toEqual(['anonymous']);
    expect(store.token(proxy.url)?.token).not.toBe('old');
  });

  it('asks once when many callers need a token at the same time', async () => {
    const before = proxy.count('POST', /anonymous-token/);
    const engine = createEngine({ apiBase: proxy.url, accessKey: node.accessKey, store: freshStore(), env: {}, liveState: false });
    await Promise.all([engine.connect(), engine.connect(), engine.credits(), engine.newSession()]);
    expect(proxy.count('POST', /anonymous-token/) - before).toBe(1);
  });

  it('says "Setting up…" through auth events and never puts the token in one', async () => {
    const store = freshStore();
    const engine = createEngine({ apiBase: node.url, accessKey: node.accessKey, store, env: {}, liveState: false });
    const seen: unknown[] = [];
    engine.subscribe((event) => seen.push(event));
    await engine.connect();
    expect(seen).toEqual([
      { name: 'auth', payload: { status: 'setting-up', apiBase: node.url, source: undefined } },
      { name: 'auth', payload: { status: 'ready', apiBase: node.url, source: 'anonymous' } },
    ]);
    expect(JSON.stringify(seen)).not.toContain(store.token(node.url)?.token);
  });
});
