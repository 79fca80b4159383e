import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { pictureFilters, rateFilters } from '../src/media/encode-args.js';
import { scoreFrames, subsampleFor, poolScores } from '../src/media/frame-scores.js';
import { planEncode } from '../src/media/plan-encode.js';
import { probe } from '../src/media/probe.js';
import { progressSpan } from '../src/media/progress-span.js';
import { qualityMeter } from '../src/media/quality-meter.js';
import { localFile } from '../src/media/run-ffmpeg.js';
import { verifyOutput } from '../src/media/verify-output.js';

/**
 * What the output check costs and how far its score sits from the whole clip's: for each
 * `source=output` pair (an output at the source's own size and rate), the check as compress() runs
 * it, the check as it was (libvmaf's n_subsample, every 10th frame), and every frame scored.
 * Usage: node dist/bench/verify-cost.js source=output [...] [--no-full]
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const full = !args.includes('--no-full');
  const meter = await qualityMeter();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'verify-cost-'));
  console.log(`meter: ${meter.metric}, ${os.availableParallelism()} cores`);
  console.log('| clip | frames | check now: score / s | n_subsample 10: score / s | every frame: score / s |');
  console.log('|---|---|---|---|---|');
  try {
    for (const pair of args.filter((arg) => arg.includes('='))) {
      const [source, output] = pair.split('=');
      const info = await probe(source);
      const plan = planEncode({ quality: 'high' }, info);
      const frameCount = Math.round(plan.durationSec * (info.video?.avgFps ?? 0));
      const timed = async (run: () => Promise<number[]>) => {
        const started = performance.now();
        const frames = await run();
        return `${poolScores(frames).mean.toFixed(2)} / ${((performance.now() - started) / 1000).toFixed(2)}`;
      };
      const whole = (subsample: number) => async () =>
        (await scoreFrames(
          {
            distorted: ['-i', localFile(output)],
            reference: ['-i', localFile(source)],
            referenceRate: rateFilters(plan).join(',') || undefined,
            referenceFilter: pictureFilters(plan, info).join(',') || undefined,
          },
          { meter, subsample, logFile: path.join(dir, 'scores.log'), frameCount, span: progressSpan(undefined) },
        )).frames;
      const now = await timed(async () => (await verifyOutput(output, plan, info, meter))?.frames ?? []);
      const before = await timed(whole(subsampleFor(frameCount, 10)));
      const every = full ? await timed(whole(1)) : '—';
      console.log(`| ${path.basename(source)} | ${frameCount} | ${now} | ${before} | ${every} |`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
