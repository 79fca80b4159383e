import { runFfmpeg } from '../../src/media/run-ffmpeg.js';

/**
 * ffmpeg's SSIM ("All", 0..1) between the frames of two videos at `atSec`, each scaled to the
 * same size: how alike one moment of two renders looks.
 */
export async function frameSsim(a: string, b: string, atSec: number): Promise<number> {
  const { stderr } = await runFfmpeg([
    '-ss', atSec.toFixed(3), '-i', a,
    '-ss', atSec.toFixed(3), '-i', b,
    '-filter_complex', '[0:v]scale=320:240,format=yuv420p[a];[1:v]scale=320:240,format=yuv420p[b];[a][b]ssim',
    '-frames:v', '1', '-f', 'null', '-',
  ]);
  const all = /All:([\d.]+)/.exec(stderr);
  if (!all) throw new Error(`No SSIM in ffmpeg's output: ${stderr.slice(-300)}`);
  return Number(all[1]);
}
