import { writeFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startRenderNode } from '../../src/server/index.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'node-lock-'));

describe('one render node per data folder', () => {
  it('refuses a second node on a folder in use, with a sentence, and allows it once the first closes', async () => {
    const dataDir = fresh();
    const first = await startRenderNode({ dataDir });
    try {
      await expect(startRenderNode({ dataDir })).rejects.toThrow(/Another render node \(process \d+\) is already using/);
    } finally {
      await first.close();
    }
    const second = await startRenderNode({ dataDir });
    await second.close();
  });

  it('takes over the lock of a node that died without closing', async () => {
    const dataDir = fresh();
    await writeFile(join(dataDir, 'node.lock'), '2147483646'); // no such process
    const node = await startRenderNode({ dataDir });
    await node.close();
  });

  it('says the port is taken in one sentence, and leaves the folder free', async () => {
    const first = await startRenderNode({ dataDir: fresh() });
    const port = Number(new URL(first.url).port);
    const dataDir = fresh();
    try {
      await expect(startRenderNode({ dataDir, port })).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use.`);
      const again = await startRenderNode({ dataDir });
      await again.close();
    } finally {
      await first.close();
    }
  });
});
