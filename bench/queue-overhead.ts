import { open, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openServeQueue } from '../src/queue/serve-queue.js';
import { startRenderNode, type RenderNode, type RenderNodeOptions } from '../src/server/index.js';
import { makeClip } from '../test/helpers/clips.js';
import { markdownTable } from './table.js';
import { freePort, hasRedis, kill, startRedis } from '../test/queue/cluster.js';
import { newSession, rememberKey, startExport, upload, waitForRender } from '../test/server/node-harness.js';

// What the render queue costs per render (issue #14): the same clip rendered on a node without the
// queue, then through Redis with one worker that fetches the input and uploads the output over
// loopback HTTP. The overhead should be at most 1 s plus moving the bytes at disk speed. Then, on
// paper, what N workers would do, bounded by the node's own limits (its link and its disk).
//   npm run build && node dist/bench/queue-overhead.js [--clip FILE] [--renders N] [--link-mbit 1000]

const ALLOWED_SEC = 1;

async function main(): Promise<number> {
  if (!hasRedis) {
    process.stdout.write('bench queue-overhead: skipped, redis-server is not installed (apt-get install redis-server).\n');
    return 0;
  }
  const { values } = parseArgs({ options: { clip: { type: 'string' }, renders: { type: 'string', default: '3' }, 'link-mbit': { type: 'string', default: '1000' } } });
  const work = await mkdtemp(join(tmpdir(), 'queue-overhead-'));
  const redisPort = await freePort();
  const redis = await startRedis(work, redisPort);
  try {
    const clip = values.clip ?? (await makeClip(work, { width: 640, height: 360, seconds: 4, pattern: 'mandelbrot', audio: true }));
    const renders = Number(values.renders);
    // Both nodes up at once and their renders taken in turns, so the load of a shared machine falls on
    // both paths alike instead of on whichever ran second.
    const handoff = handoffClock();
    const queue = await openServeQueue({ redis: { host: '127.0.0.1', port: redisPort, db: 0 }, dataDir: join(work, 'queued'), localWorkers: 1, stallSeconds: 30, log: handoff.log });
    const localNode = await startNode({ dataDir: join(work, 'local') });
    const queuedNode = await startNode({ dataDir: join(work, 'queued'), backend: queue.backend });
    const stopWorkers = await queue.startLocalWorkers(queuedNode.url);
    const localSec: number[] = [];
    const queuedSec: number[] = [];
    let outputBytes = 0;
    try {
      for (let index = 0; index < renders; index += 1) {
        localSec.push((await timeRender(localNode.url, clip, index)).seconds);
        const queued = await timeRender(queuedNode.url, clip, index);
        queuedSec.push(queued.seconds);
        outputBytes = queued.outputBytes;
      }
    } finally {
      await stopWorkers();
      await Promise.all([localNode.close(), queuedNode.close()]);
    }
    const local = { median: median(localSec) };
    const queued = { median: median(queuedSec), outputBytes };
    const inputBytes = (await stat(clip)).size;
    const moved = inputBytes + queued.outputBytes;
    const diskMBps = await diskWriteMBps(work);
    const transferSec = moved / (diskMBps * 1e6);
    const overhead = queued.median - local.median;
    const verdict = overhead <= ALLOWED_SEC + transferSec ? 'PASS' : 'FAIL';
    const rows = [
      ['in-process', local.median.toFixed(2), `${renders} renders (${localSec.map((sec) => sec.toFixed(1)).join(', ')})`],
      ['queue + 1 worker', queued.median.toFixed(2), `${renders} renders (${queuedSec.map((sec) => sec.toFixed(1)).join(', ')}), input and output over loopback HTTP`],
      ['overhead', overhead.toFixed(2), `allowed ${ALLOWED_SEC} s + ${transferSec.toFixed(3)} s for ${(moved / 1e6).toFixed(1)} MB at ${diskMBps.toFixed(0)} MB/s: ${verdict}`],
      ['hand-off alone', median(handoff.seconds()).toFixed(3), 'queued → a worker started, plus worker done → the node has the file (from the logs)'],
    ];
    process.stdout.write(`bench queue-overhead\n${markdownTable([{ heading: 'path' }, { heading: 's/render (median)', align: 'right' }, { heading: 'note' }], rows)}\n`);
    process.stdout.write(`\n${throughput(queued.median, inputBytes, queued.outputBytes, Number(values['link-mbit']), diskMBps)}\n`);
    return verdict === 'PASS' ? 0 : 1;
  } finally {
    await kill(redis);
    await rm(work, { recursive: true, force: true });
  }
}

/** A node whose access key the harness's calls send, as a client reading the node file does. */
async function startNode(options: Pick<RenderNodeOptions, 'dataDir' | 'backend'>): Promise<RenderNode> {
  const node = await startRenderNode(options);
  rememberKey(node.url, node.accessKey);
  return node;
}

/** One render of `clip` on the node at `base`: seconds from export to completed, and the output's size. */
async function timeRender(base: string, clip: string, index: number): Promise<{ seconds: number; outputBytes: number }> {
  const { token, sessionId } = await newSession(base);
  await upload(base, token, sessionId, [clip]);
  const started = performance.now();
  await startExport(base, token, sessionId, `render_${index}`);
  const done = await waitForRender(base, token, `render_${index}`);
  if (done.status !== 'completed') throw new Error(`render failed: ${done.error}`);
  return { seconds: (performance.now() - started) / 1000, outputBytes: done.output.size };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * The queue's own part of each render, read from the node's log as it is written: from "queued for
 * the workers" to the worker's "started", and from its "done" to "output received".
 */
function handoffClock(): { log: (line: string) => void; seconds: () => number[] } {
  const marks = new Map<string, Record<string, number>>();
  const patterns: [string, RegExp][] = [
    ['queued', /^job (r[0-9a-f]+): queued for the workers/],
    ['started', /job (r[0-9a-f]+): started$/],
    ['done', /job (r[0-9a-f]+): done$/],
    ['received', /^job (r[0-9a-f]+): output received/],
  ];
  return {
    log: (line) => {
      for (const [name, pattern] of patterns) {
        const jobId = pattern.exec(line)?.[1];
        if (jobId) marks.set(jobId, { ...marks.get(jobId), [name]: performance.now() });
      }
    },
    seconds: () =>
      [...marks.values()].flatMap((m) => (m.queued && m.started && m.done && m.received ? [(m.started - m.queued + (m.received - m.done)) / 1000] : [])),
  };
}

/** This disk's write speed, MB/s: 64 MB written and synced. */
async function diskWriteMBps(dir: string): Promise<number> {
  const file = join(dir, 'disk-probe');
  const block = Buffer.alloc(4 << 20, 1);
  const handle = await open(file, 'w');
  const started = performance.now();
  for (let written = 0; written < 64 << 20; written += block.length) await handle.write(block);
  await handle.sync();
  await handle.close();
  const seconds = (performance.now() - started) / 1000;
  await rm(file);
  return (64 * 1.048576) / seconds;
}

/**
 * On paper: N workers finish N renders per render time, until the node's link (every input goes
 * out and every output comes in through it) or its disk (each byte written once on upload, read on
 * download) is the limit.
 */
function throughput(renderSec: number, inputBytes: number, outputBytes: number, linkMbit: number, diskMBps: number): string {
  const perRender = inputBytes + outputBytes;
  const linkCap = (linkMbit * 1e6) / 8 / perRender;
  const diskCap = (diskMBps * 1e6) / perRender;
  const rows: string[][] = [];
  for (const workers of [1, 2, 4, 8, 16, 64]) {
    const rate = Math.min(workers / renderSec, linkCap, diskCap);
    rows.push([String(workers), (rate * 60).toFixed(1), rate === workers / renderSec ? 'workers' : rate === linkCap ? `node link (${linkMbit} Mbit/s)` : `node disk (${diskMBps.toFixed(0)} MB/s)`]);
  }
  return `estimate for this clip (${(perRender / 1e6).toFixed(2)} MB moved per render, ${renderSec.toFixed(2)} s per render on one worker):\n${markdownTable([{ heading: 'workers', align: 'right' }, { heading: 'renders/min', align: 'right' }, { heading: 'bound by' }], rows)}`;
}

process.exitCode = await main();
