import { StudioError } from '../errors.js';
import type { Goal } from '../goal/types.js';
import type { CompressOptions, CompressResult, QualityScore } from '../media/types.js';

/** The media core's compress(), injected so the engine never runs ffmpeg itself. */
export type Compressor = (input: string, goal: Goal, options: CompressOptions) => Promise<CompressResult>;

/**
 * The size promise on every node: a delivered file over the Goal's `targetBytes` (the cloud's export
 * has no size control) is re-encoded locally into `options.outDir`; `onOver` runs first, so the user
 * is told. Returns the path to deliver, whether it was re-encoded, and then its measured quality.
 */
export async function keepUnderTarget(
  path: string,
  bytes: number,
  goal: Goal,
  compress: Compressor | undefined,
  options: Omit<CompressOptions, 'outName'> & { onOver?: () => void },
): Promise<{ path: string; bytes: number; recompressed: boolean; quality?: QualityScore }> {
  if (goal.targetBytes === undefined || bytes <= goal.targetBytes) return { path, bytes, recompressed: false };
  if (!compress) throw new StudioError('The node returned a file over the size you asked for, and local re-encoding is not available.');
  options.onOver?.();
  const { onOver: _onOver, ...compressOptions } = options;
  // The target is already in bytes: a relative size would be taken of the node's file, not the
  // original; and the node's file is already the item's window, so a trim would cut it twice.
  const result = await compress(path, { ...goal, relativeSize: undefined, trim: undefined }, compressOptions);
  return { path: result.output, bytes: result.bytes, recompressed: true, ...(result.quality ? { quality: result.quality } : {}) };
}
