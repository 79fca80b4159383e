import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseInstruction } from '../src/goal/index.js';
import { compress } from '../src/media/index.js';
import { packageRoot } from '../src/version.js';
import { isolatedEnv } from '../test/helpers/isolated-env.js';

// What the engine adds on top of the encode itself: compress() alone takes T seconds on a clip;
// `run` on the same clip and goal (embedded node: token, session, upload, chat turn, render,
// download) should finish within T + 2 s.
//   node dist/bench/engine-overhead.js [--clip FILE] [--goal TEXT]

const ALLOWED_OVERHEAD_SEC = 2;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      clip: { type: 'string', default: '/work/shared/media/flower-timelapse-540p30.mp4' },
      goal: { type: 'string', default: 'compress this video to under 500KB' },
    },
  });
  const clip = values.clip as string;
  const goalText = values.goal as string;
  const work = await mkdtemp(join(tmpdir(), 'engine-overhead-'));
  try {
    const started = performance.now();
    await compress(clip, parseInstruction(goalText).goal, { outDir: join(work, 'direct') });
    const direct = (performance.now() - started) / 1000;
    const run = await timeRun(clip, goalText, work);
    const overhead = run - direct;
    const verdict = overhead <= ALLOWED_OVERHEAD_SEC ? 'PASS' : 'FAIL';
    process.stdout.write(
      `bench engine-overhead: ${basename(clip)} "${goalText}": compress() T=${direct.toFixed(2)} s, run=${run.toFixed(2)} s, ` +
        `overhead=${overhead.toFixed(2)} s (allowed ${ALLOWED_OVERHEAD_SEC} s) ${verdict}\n`,
    );
    return verdict === 'PASS' ? 0 : 1;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

// The real CLI in a child process, with its own store and node data, so nothing is shared or warm.
function timeRun(clip: string, goalText: string, work: string): Promise<number> {
  const env = isolatedEnv(work);
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(packageRoot, 'bin', 'compressor-studio.js'), 'run', clip, '-g', goalText, '-o', join(work, 'out'), '--json'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done((performance.now() - started) / 1000) : fail(new Error(`run exited with ${code}`))));
  });
}

process.exitCode = await main();
