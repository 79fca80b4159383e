import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobChoices } from '../../src/studio/job-choices.js';
import { makeClip } from '../helpers/clips.js';
import { isolatedEnv } from '../helpers/isolated-env.js';
import { killPlainStudios, plainStudio, storedJobs as storedIn, type PlainStudio } from '../helpers/plain-studio.js';
import { until } from '../helpers/until.js';

// A studio on the embedded node dies with its renders: killed (SIGKILL, a power loss) while one
// runs, it leaves the job stored as rendering. The next start must end that job interrupted, to
// retry, and the restarted node must end that render rather than make it again for no one.

const work = mkdtempSync(join(tmpdir(), 'studio-killed-'));
const env = isolatedEnv(join(work, 'home'));
let clip: string;

beforeAll(async () => {
  // Slow enough that the studio is surely killed mid-render.
  clip = await makeClip(work, { width: 640, height: 360, seconds: 5, pattern: 'mandelbrot', name: 'clip.mp4' });
}, 120_000);
afterAll(killPlainStudios);

const studio = (outDir: string): PlainStudio => plainStudio(['-o', outDir], env);
const storedJobs = () => storedIn(env);

/** The node's stored renders; none while its file is not there yet. */
function nodeRenders(): { id: string; status: string }[] {
  const file = join(env.COMPRESSOR_DATA_DIR ?? '', 'renders.json');
  if (!existsSync(file)) return [];
  return (JSON.parse(readFileSync(file, 'utf8')) as { renders: { id: string; status: string }[] }).renders;
}

describe('a studio on the embedded node killed mid-render', () => {
  it('leaves a job the next start ends interrupted, to retry, with its render ended on the node and no file made', async () => {
    const out = join(work, 'out');
    mkdirSync(out);
    const first = studio(out);
    first.child.stdin.write(`${clip} make it 240p\nexport\n`);
    // The job is stored as rendering just before its render reaches the node: kill once both hold it.
    const running = () => storedJobs().find((job) => job.status === 'rendering' && job.renderId !== undefined);
    await until(() => nodeRenders().some((render) => render.id === running()?.renderId && render.status === 'processing'), 'the render running on the node', { ms: 180_000, everyMs: 100, context: first.output });
    first.child.kill('SIGKILL');
    await first.exited;
    const [cut] = storedJobs();
    expect(cut).toMatchObject({ status: 'rendering', input: 'clip.mp4' });

    const next = studio(out);
    await until(() => storedJobs()[0]?.status !== 'rendering', 'the next start to settle the cut-off job', { ms: 120_000, everyMs: 100, context: next.output });
    const settled = storedJobs()[0];
    expect(settled).toMatchObject({ id: cut.id, status: 'canceled', interrupted: true, reason: expect.stringMatching(/stopped/) });
    expect(jobChoices(settled).retry).toBe(true);
    // The restarted node ended the render rather than queue it again (its file is written as it goes).
    await until(() => nodeRenders().find((render) => render.id === cut.renderId)?.status === 'failed', 'the node to store the render ended', { ms: 60_000, everyMs: 100, context: next.output });
    next.child.stdin.end();
    expect(await next.exited).toBe(0);
    expect(next.output()).toMatch(/^✗ clip\.mp4: interrupted \(the studio was stopped while it rendered\)/m);
    expect(readdirSync(out)).toEqual([]);
    expect(storedJobs()[0]).toMatchObject({ status: 'canceled', interrupted: true });
  }, 420_000);
});
