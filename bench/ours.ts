import { compress } from '../src/media/index.js';
import type { BenchTool, EncodeJob } from './encode-job.js';

/** The product: compress() with nothing but the size goal, as the render node would call it. */
export const ours: BenchTool = {
  name: 'ours',
  async encode(job: EncodeJob) {
    const result = await compress(job.input, { targetBytes: job.targetBytes }, { outDir: job.outDir, outName: `${job.stem}.mp4` });
    const plan = result.plan;
    const size = `${plan.width}x${plan.height}${plan.fps ? `@${Math.round(plan.fps)}` : ''}`;
    return { output: result.output, checkMs: result.timings.verifyMs, audioKbps: plan.audio.mode === 'encode' ? plan.audio.kbps : undefined, note: `${plan.mode} ${size}${result.attempts > 1 ? `, ${result.attempts} attempts` : ''}` };
  },
};
