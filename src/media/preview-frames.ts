import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { MediaError } from '../errors.js';
import { formatSeconds } from '../units.js';
import { even } from './resolution-ladder.js';
import { probe } from './probe.js';
import { runFfmpeg } from './run-ffmpeg.js';
import { scratchFolder } from './scratch.js';

/** A picture as 8-bit RGB, row by row, three bytes a pixel: what a terminal renderer draws. */
export type RgbImage = { width: number; height: number; data: Uint8Array };

/** The source and the output at one moment, the same height, each at its own shape. */
export type PreviewPair = { atSec: number; source: RgbImage; output: RgbImage };

/**
 * A few frames of `output` beside the frames of `source` at the same timestamps (on the output's
 * clock: a trimmed output is compared with the source's own first seconds), spread evenly through the
 * output and scaled so one pair is at most `maxPairWidth` pixels wide and `maxHeight` high. The
 * frames pass through a private temp folder, removed whatever happens.
 */
export async function previewFrames(
  source: string,
  output: string,
  options: { count: number; maxPairWidth: number; maxHeight: number; signal?: AbortSignal; scratchDir?: string },
): Promise<PreviewPair[]> {
  const { signal } = options;
  const [sourceInfo, outputInfo] = await Promise.all([probe(source, { signal }), probe(output, { signal })]);
  const sourceAspect = sourceInfo.video?.displayAspect ?? 1;
  const outputAspect = outputInfo.video?.displayAspect ?? 1;
  const height = even(Math.min(options.maxHeight, options.maxPairWidth / (sourceAspect + outputAspect)));
  const sizes = { source: { width: even(height * sourceAspect), height }, output: { width: even(height * outputAspect), height } };
  const moments = Array.from({ length: options.count }, (_, i) => ((i + 0.5) / options.count) * outputInfo.durationSec);
  const dir = await scratchFolder('preview', options.scratchDir);
  try {
    const grab = async (file: string, size: { width: number; height: number }, atSec: number, name: string): Promise<RgbImage> => {
      const raw = path.join(dir, name);
      // Seeking before -i lands on the frame shown at that moment; the autorotated frame is scaled to the display shape.
      await runFfmpeg(['-y', '-ss', atSec.toFixed(3), '-i', `file:${file}`, '-map', '0:v:0', '-frames:v', '1', '-vf', `scale=${size.width}:${size.height},setsar=1`, '-pix_fmt', 'rgb24', '-f', 'rawvideo', `file:${raw}`], { signal });
      const data = new Uint8Array(await readFile(raw).catch(() => Buffer.alloc(0)));
      if (data.length !== size.width * size.height * 3) throw new MediaError('failed', `${path.basename(file)} has no frame to show at ${formatSeconds(atSec)}.`);
      return { ...size, data };
    };
    const pairs: PreviewPair[] = [];
    // One frame at a time: the preview is a glance, and the machine may be encoding other files.
    for (const [i, atSec] of moments.entries()) {
      pairs.push({ atSec, source: await grab(source, sizes.source, atSec, `source-${i}.rgb`), output: await grab(output, sizes.output, atSec, `output-${i}.rgb`) });
    }
    return pairs;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
