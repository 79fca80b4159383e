import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities } from '../../src/media/index.js';
import { planResponseSchema } from '../../src/wire/index.js';
import { makeClip } from '../helpers/clips.js';
import { message, newSession, startExport, upload, waitForRender, type Turn } from '../server/node-harness.js';
import { freePort, hasRedis, kill, startNode, startRedis, startWorkerProcess, type Proc } from './cluster.js';

// A worker whose ffmpeg lacks what the node planned with: the node promises SVT-AV1 in one pass
// for a WebM, the worker (started with COMPRESSOR_SKIP_ENCODERS=libsvtav1, as an operator would
// keep an encoder off) can only run libaom-av1, in two. The render's output says so, and its plan
// is the one that ran. Needs an ffmpeg with SVT-AV1 (Debian's); the bundled 2018 build has none.

const WORKER_KEY = 'worker-key-for-the-plan-tests';

let dir: string;
let clip: string;
let nodeUrl: string;
const procs: Proc[] = [];

/** The items of the turn's 'plan' step, read as a client reads them. */
function plannedItems(turn: Turn) {
  const responses = turn.events.flatMap((event) => event.content.parts.map((part: any) => part.functionResponse)).filter((response) => response?.name === 'plan');
  return planResponseSchema.parse(responses[0].response).items;
}

describe.skipIf(!hasRedis)('a worker with another ffmpeg than the node', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'worker-plan-'));
    // No sound: the measured sound would move the picture's rate after the plan, a change of its own.
    clip = await makeClip(dir, { width: 160, height: 120, seconds: 1 });
    const [redisPort, nodePort] = [await freePort(), await freePort()];
    nodeUrl = `http://127.0.0.1:${nodePort}`;
    procs.push(await startRedis(dir, redisPort));
    procs.push(await startNode({ port: nodePort, dataDir: join(dir, 'data'), redisPort, workerKey: WORKER_KEY, runtimeDir: join(dir, 'run') }));
    procs.push(await startWorkerProcess({ redisPort, nodeUrl, workerKey: WORKER_KEY, env: { COMPRESSOR_SKIP_ENCODERS: 'libsvtav1' } }));
  }, 120_000);

  afterAll(async () => {
    for (const proc of procs.reverse()) await kill(proc);
    await rm(dir, { recursive: true, force: true });
  });

  it('runs its own plan and says how it differs from the one promised', async (ctx) => {
    if (!(await capabilities()).encoders.includes('libsvtav1')) ctx.skip();
    const { token, sessionId } = await newSession(nodeUrl);
    expect((await upload(nodeUrl, token, sessionId, [clip], ['trip.mp4'])).code).toBe(0);
    const [promised] = plannedItems(await message(nodeUrl, token, sessionId, 'compress this video to under 1MB as webm'));
    expect(promised).toMatchObject({ encoder: 'libsvtav1', passes: 1 });

    expect((await startExport(nodeUrl, token, sessionId, 'render_other_ffmpeg')).code).toBe(0);
    const done = await waitForRender(nodeUrl, token, 'render_other_ffmpeg');
    expect(done.status, done.error).toBe('completed');
    const [output] = done.outputs;
    expect(output.plan).toMatchObject({ codec: 'av1', encoder: 'libaom-av1', passes: 2 });
    expect(output.notes[0]).toMatch(/^The render worker's ffmpeg has no libsvtav1, so it ran another plan than the one promised: encoder libsvtav1 → libaom-av1, .*passes 1 → 2/);
    expect(procs[2].output()).toContain('has no libsvtav1');
  });
});
