import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRecord } from '../../src/store/index.js';
import { jobChoices } from '../../src/studio/job-choices.js';
import { makeClip } from '../helpers/clips.js';
import { isolatedEnv } from '../helpers/isolated-env.js';
import { studioBin as bin } from '../helpers/studio-tmux.js';
import { until } from '../helpers/until.js';

// A studio on the embedded node dies with its renders: killed (SIGKILL, a power loss) while one
// runs, it leaves the job stored as rendering. The next start must end that job interrupted, to
// retry, and the restarted node must end that render rather than make it again for no one.

const work = mkdtempSync(join(tmpdir(), 'studio-killed-'));
const env = isolatedEnv(join(work, 'home'));
const children: ChildProcessWithoutNullStreams[] = [];
let clip: string;

beforeAll(async () => {
  // Slow enough that the restarted node is still rendering it when the next studio starts.
  clip = await makeClip(work, { width: 640, height: 360, seconds: 5, pattern: 'mandelbrot', name: 'clip.mp4' });
}, 120_000);
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

function studio(outDir: string): { child: ChildProcessWithoutNullStreams; stdout: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [bin, '-o', outDir], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stdout += chunk));
  return { child, stdout: () => stdout, exited: new Promise((done) => child.on('exit', done)) };
}

function storedJobs(): JobRecord[] {
  try {
    return (JSON.parse(readFileSync(join(env.COMPRESSOR_CONFIG_DIR ?? '', 'config.json'), 'utf8')) as { jobs?: JobRecord[] }).jobs ?? [];
  } catch {
    return []; // not written yet
  }
}

function nodeRenders(): { id: string; status: string }[] {
  return (JSON.parse(readFileSync(join(env.COMPRESSOR_DATA_DIR ?? '', 'renders.json'), 'utf8')) as { renders: { id: string; status: string }[] }).renders;
}

describe('a studio on the embedded node killed mid-render', () => {
  it('leaves a job the next start ends interrupted, to retry, with its render ended on the node and no file made', async () => {
    const out = join(work, 'out');
    mkdirSync(out);
    const first = studio(out);
    first.child.stdin.write(`${clip} make it 240p\nexport\n`);
    await until(() => storedJobs().some((job) => job.status === 'rendering' && job.renderId !== undefined), 'the job stored as rendering', { ms: 180_000, everyMs: 100, context: first.stdout });
    first.child.kill('SIGKILL');
    await first.exited;
    const [cut] = storedJobs();
    expect(cut).toMatchObject({ status: 'rendering', input: 'clip.mp4' });

    const next = studio(out);
    await until(() => storedJobs()[0]?.status !== 'rendering', 'the next start to settle the cut-off job', { ms: 120_000, everyMs: 100, context: next.stdout });
    const settled = storedJobs()[0];
    expect(settled).toMatchObject({ id: cut.id, status: 'canceled', interrupted: true, reason: expect.stringMatching(/stopped/) });
    expect(jobChoices(settled).retry).toBe(true);
    // The restarted node ended the render rather than queue it again.
    expect(nodeRenders().find((render) => render.id === cut.renderId)?.status).toBe('failed');
    next.child.stdin.end();
    expect(await next.exited).toBe(0);
    expect(next.stdout()).toMatch(/^• clip\.mp4: .*interrupted/m);
    expect(readdirSync(out)).toEqual([]);
    expect(storedJobs()[0]).toMatchObject({ status: 'canceled', interrupted: true });
  }, 420_000);
});
