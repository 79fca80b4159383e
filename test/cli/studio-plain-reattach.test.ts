import { mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leftLine } from '../../src/cli/studio-command.js';
import { startRenderNode, type RenderNode } from '../../src/server/index.js';
import { makeClip } from '../helpers/clips.js';
import { isolatedEnv } from '../helpers/isolated-env.js';
import { killPlainStudios, plainStudio, storedJobs as storedIn, type PlainStudio } from '../helpers/plain-studio.js';
import { until } from '../helpers/until.js';

// Plain mode (stdin not a terminal) on a serve node: Ctrl+C leaves its render running there and
// says so; the next plain start says it takes that render up, waits for it at the end of its
// input, and prints the ✓ line it prints for its own renders.

const work = mkdtempSync(join(tmpdir(), 'studio-plain-reattach-'));
let node: RenderNode;
let clip: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  // Slow enough that the render surely still runs when the first studio is interrupted.
  clip = await makeClip(work, { width: 640, height: 360, seconds: 5, pattern: 'mandelbrot', name: 'clip.mp4' });
  node = await startRenderNode({ dataDir: join(work, 'serve') });
  env = isolatedEnv(join(work, 'home'), { NEMO_ACCESS_KEY: node.accessKey });
}, 120_000);
afterAll(async () => {
  killPlainStudios();
  await node.close();
});

const studio = (outDir: string): PlainStudio => plainStudio(['--api', node.url, '-o', outDir], env);
const storedJobs = () => storedIn(env);

describe('plain mode and renders left on a serve node', () => {
  it('Ctrl+C leaves the render running and says so; the next start follows it to its ✓ line before exiting', async () => {
    const out = join(work, 'out');
    mkdirSync(out);
    const first = studio(out);
    first.child.stdin.write(`${clip} make it 240p\nexport\n`);
    await until(() => storedJobs().some((job) => job.status === 'rendering' && job.renderId !== undefined), 'the job stored as rendering', { ms: 180_000, everyMs: 100, context: first.output });
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(130);
    expect(first.output().trimEnd().split('\n').at(-1)).toBe(leftLine([{ input: 'clip.mp4' }]));
    expect(storedJobs()[0]).toMatchObject({ status: 'rendering', input: 'clip.mp4' });
    expect(readdirSync(out)).toEqual([]);

    const next = studio(out);
    next.child.stdin.end();
    expect(await next.exited, next.output()).toBe(0);
    const lines = next.output().split('\n');
    expect(lines).toContain('• clip.mp4: still rendering on the node since an earlier session; following it here.');
    const file = join(out, 'clip.compressed.mp4');
    expect(lines.filter((line) => line.startsWith('✓') || line.startsWith('✗'))).toEqual([expect.stringMatching(new RegExp(`^✓ clip\\.mp4 → ${file.replace(/[.]/g, '\\.')} \\(`))]);
    expect(readdirSync(out)).toEqual(['clip.compressed.mp4']);
    expect(storedJobs()[0]).toMatchObject({ status: 'done', output: file, bytes: statSync(file).size });
  }, 420_000);
});

describe('leftLine', () => {
  it('names what goes on without the studio', () => {
    expect(leftLine([{ input: '/v/a.mp4' }, { input: 'b.mov' }])).toBe('Left rendering on the node: a.mp4, b.mov. The next start picks them up.');
  });
});
