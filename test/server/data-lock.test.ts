import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processStartTime } from '../../src/process-identity.js';
import { parseLock } from '../../src/server/data-lock.js';
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

  it('takes over a lock whose pid now belongs to an unrelated live program, but not one naming that program as it is', async () => {
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      await once(other, 'spawn');
      const pid = other.pid!;
      const start = processStartTime(pid);
      expect(start).toEqual(expect.any(String));
      const dataDir = fresh();
      await writeFile(join(dataDir, 'node.lock'), JSON.stringify({ pid, start: `${start}0` }));
      const node = await startRenderNode({ dataDir });
      await node.close();
      await writeFile(join(dataDir, 'node.lock'), JSON.stringify({ pid, start }));
      await expect(startRenderNode({ dataDir })).rejects.toThrow(`Another render node (process ${pid}) is already using`);
    } finally {
      other.kill();
    }
  });

  it('takes over a lock naming its own pid that it never took (a restarted container reuses the old pid)', async () => {
    const dataDir = fresh();
    await writeFile(join(dataDir, 'node.lock'), String(process.pid));
    const node = await startRenderNode({ dataDir });
    await node.close();
  });

  it.each([
    ['1234', { pid: 1234, start: null }],
    ['{"pid":1234,"start":"5678"}', { pid: 1234, start: '5678' }],
    ['{"pid":1234}', { pid: 1234, start: null }],
    ['{"pid":-1,"start":"5"}', undefined],
    ['', undefined],
    ['garbage', undefined],
  ])('reads the lock %o as %o', (text, owner) => expect(parseLock(text)).toEqual(owner));

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
