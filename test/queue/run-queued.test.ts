import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '../helpers/clips.js';
import { isolatedEnv } from '../helpers/isolated-env.js';
import { until } from '../helpers/until.js';
import { freePort, hasRedis, kill, startNode, startRedis, startWorkerProcess, type Proc } from './cluster.js';

// `run` against a `serve --queue` node with no worker yet: the renders wait in the node's line,
// and `run` says where (--json as data, plain lines in the studio's words) until a worker starts.

const WORKER_KEY = 'worker-key-for-the-run-tests';
const bin = resolve('bin/compressor-studio.js');

let dir: string;
let clips: string[];
let nodeUrl: string;
let redisPort: number;
const procs: Proc[] = [];
const runs: ChildProcess[] = [];

/** `run` as a user starts it, with the node's access key; resolves with its exit code and output. */
function runCli(args: string[]): { stdout: () => string; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const { accessKey } = JSON.parse(readFileSync(join(dir, 'run', 'node.json'), 'utf8')) as { accessKey: string };
  const child = spawn(process.execPath, [bin, 'run', ...args, '--api', nodeUrl], { env: isolatedEnv(join(dir, `cli-${runs.length}`), { NEMO_ACCESS_KEY: accessKey }) });
  runs.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((settle) => child.on('close', (code) => settle({ code, stdout, stderr })));
  return { stdout: () => stdout, done };
}

const jsonLines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

describe.skipIf(!hasRedis)('run while the node queues its renders', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'run-queued-'));
    clips = [await makeClip(dir, { name: 'one.mp4' }), await makeClip(dir, { name: 'two.mp4' }), await makeClip(dir, { name: 'three.mp4' })];
    const nodePort = await freePort();
    redisPort = await freePort();
    nodeUrl = `http://127.0.0.1:${nodePort}`;
    procs.push(await startRedis(dir, redisPort));
    // Coordinating only, and no worker yet: every render waits in line.
    procs.push(await startNode({ port: nodePort, dataDir: join(dir, 'data'), redisPort, workerKey: WORKER_KEY, runtimeDir: join(dir, 'run') }));
  }, 120_000);

  afterAll(async () => {
    for (const child of runs) if (child.exitCode === null) child.kill('SIGKILL');
    for (const proc of procs.reverse()) await kill(proc);
    await rm(dir, { recursive: true, force: true });
  });

  it('says each render\'s place in line, as JSON and in words, then finishes once a worker takes them', async () => {
    const json = runCli([clips[0], clips[1], '-g', 'under 250KB', '-o', join(dir, 'out-json'), '--json']);
    const queuedOf = (stdout: string) => jsonLines(stdout).filter((line) => line.phase === 'queued');
    await until(() => queuedOf(json.stdout()).length >= 2, 'both renders to wait in line', { ms: 60_000, context: json.stdout });
    const human = runCli([clips[2], '-g', 'under 250KB', '-o', join(dir, 'out-human')]);
    await until(() => /three\.mp4: queued \(3rd in line\)/.test(human.stdout()), 'the third render to wait third', { ms: 60_000, context: human.stdout });

    procs.push(await startWorkerProcess({ redisPort, nodeUrl, workerKey: WORKER_KEY }));
    const [jsonRun, humanRun] = await Promise.all([json.done, human.done]);
    expect(jsonRun.code, jsonRun.stderr).toBe(0);
    expect(humanRun.code, humanRun.stderr).toBe(0);

    const lines = jsonLines(jsonRun.stdout);
    const waits = queuedOf(jsonRun.stdout);
    // A line per file each time its place changes: 1st and 2nd, the 2nd moving up when a worker takes the 1st.
    const placesOf = (file: string) => waits.filter((line) => line.file === file).map((line) => line.position as number);
    expect([placesOf(clips[0])[0], placesOf(clips[1])[0]].sort()).toEqual([1, 2]);
    for (const file of clips.slice(0, 2)) expect(placesOf(file)).toEqual([...new Set(placesOf(file))].sort().reverse());
    for (const wait of waits) {
      expect(Object.keys(wait).sort()).toEqual(['file', 'phase', 'position', 'type']);
      expect(lines.indexOf(wait)).toBeLessThan(lines.findLastIndex((line) => line.file === wait.file && line.phase === 'render'));
    }
    expect((lines.at(-1) as { type: string; results: unknown[] }).results).toHaveLength(2);
    expect(humanRun.stdout).toMatch(/^✓ three\.mp4 → /m);
  });
});
