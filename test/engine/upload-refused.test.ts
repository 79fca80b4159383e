import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import { describeError } from '../../src/errors.js';
import { startRenderNode, type RenderNode } from '../../src/server/index.js';
import { defaultStore } from '../../src/store/index.js';
import { FaultProxy } from './fault-proxy.js';

// A node that refuses an upload part-way (over its limit; a full disk takes the same path) must be
// heard: the client says why, never "Could not reach the render node".
const work = mkdtempSync(join(tmpdir(), 'upload-refused-'));
let node: RenderNode;
let proxy: FaultProxy;
let big: string;

beforeAll(async () => {
  node = await startRenderNode({ dataDir: join(work, 'node'), maxUploadBytes: 64 * 1024 });
  proxy = await FaultProxy.start(node.url);
  big = join(work, 'big.mp4');
  writeFileSync(big, Buffer.alloc(8 * 1024 * 1024, 7));
});
afterAll(async () => {
  await proxy.close();
  await node.close();
});

const engineOn = (base: string, name: string) => createEngine({ apiBase: base, accessKey: node.accessKey, store: defaultStore(join(work, name)), env: {}, liveState: false });

describe('an upload the node refuses part-way', () => {
  it('reads the refusal every time (the body has a declared length, so the node reads it to its end)', async () => {
    const engine = engineOn(node.url, 'store-limit');
    for (let i = 0; i < 5; i++) {
      const error = await engine.upload([big]).then(() => undefined, (failure: unknown) => failure);
      expect(describeError(error)).toMatch(/larger than/);
    }
  });

  it('sends the exact length of the multipart body', async () => {
    const engine = engineOn(proxy.url, 'store-length');
    await engine.upload([big]).catch(() => undefined);
    const upload = proxy.seen.find((r) => r.method === 'POST' && /upload-video/.test(r.path));
    expect(Number(upload?.headers['content-length'])).toBeGreaterThan(8 * 1024 * 1024);
    expect(upload?.headers['transfer-encoding']).toBeUndefined();
  });

  it("a 507 is the node's disk being full, whatever its words", async () => {
    proxy.inject({ method: 'POST', path: /upload-video/, fault: { kind: 'answer', status: 507, body: { code: 500, message: 'ENOSPC: write /srv/node/media/m_1.part' } } });
    const error = await engineOn(proxy.url, 'store-507').upload([big]).then(() => undefined, (failure: unknown) => failure);
    expect(describeError(error)).toBe("The render node's disk is full. Free some space on the node, then try again.");
  });
});
