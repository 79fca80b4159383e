import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hello, requestToken, createSession, uploadUrls } from '../../src/engine/api/index.js';
import { createEngine } from '../../src/engine/index.js';
import { processFile } from '../../src/studio/index.js';
import { startRenderNode, type RenderNode } from '../../src/server/index.js';
import { defaultStore } from '../../src/store/index.js';
import { makeClip } from '../helpers/clips.js';

// A node started with an access key, as `serve` runs: every call (downloads too) must carry it.
let node: RenderNode;
let clip: string;
const work = mkdtempSync(join(tmpdir(), 'engine-access-'));

beforeAll(async () => {
  node = await startRenderNode({ dataDir: join(work, 'node'), accessKey: 'k-123' });
  clip = await makeClip(work, { name: 'keyed.mp4' });
});
afterAll(() => node.close());

describe('a node with an access key', () => {
  it('says hello only with the right key', async () => {
    expect(await hello({ base: node.url, accessKey: 'k-123' })).toMatchObject({ name: 'compressor-studio', requiresKey: true });
    await expect(hello({ base: node.url, accessKey: 'wrong' })).rejects.toMatchObject({ code: 401 });
  });

  it('refuses an engine without the key, in one sentence', async () => {
    const engine = createEngine({ apiBase: node.url, store: defaultStore(join(work, 'no-key')), env: {}, liveState: false });
    await expect(engine.connect()).rejects.toMatchObject({ code: 401 });
  });

  it('serves the whole lifecycle to an engine that has it, downloads included', async () => {
    const engine = createEngine({ apiBase: node.url, accessKey: 'k-123', store: defaultStore(join(work, 'key')), env: {}, liveState: false });
    const result = await processFile(engine, clip, { goalText: 'compress this video', outDir: join(work, 'out') });
    expect(existsSync(result.output)).toBe(true);
  });

  it('never reads a file:// URL (the embedded node no longer does either): a local file is uploaded as a file', async () => {
    const connection = { base: node.url, accessKey: 'k-123' };
    const { token } = await requestToken(connection, 'url-client');
    const { sessionId } = await createSession({ ...connection, token });
    await expect(uploadUrls({ ...connection, token }, sessionId, [pathToFileURL(clip).toString()])).rejects.toMatchObject({ code: 400 });
  });
});
