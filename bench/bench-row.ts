/** One encode in the size benchmark: a clip at one target through one tool, and what came out. */
export type BenchRow = {
  clip: string;
  sourceBytes: number;
  /** The target as a percentage of the source size. */
  targetPercent: number;
  targetBytes: number;
  tool: string;
  /** Output size; absent when the tool failed. */
  bytes?: number;
  ssim?: number;
  vmaf?: number;
  /** Wall-clock time of the encode alone (not the bench's quality measurement). */
  wallMs?: number;
  /** The part of `wallMs` the tool spent checking its own output (ours: the output check). */
  checkMs?: number;
  /**
   * The output's sound, when it has any: its measured bitrate and channels, and the bitrate the tool
   * asked of the encoder where it says (ours). AAC lands a little under what it is asked, and far
   * under it on silence (a silent track came out at 2 kbps when given 64).
   */
  audio?: { kbps: number; channels: number; askedKbps?: number };
  note?: string;
  /** Where the output was written (kept until the run ends, for the copy check). */
  output?: string;
  /** Why there is no output (the tool failed or refused the target). */
  error?: string;
};

/** Output size over target size; above 1 means the target was missed. */
export function sizeRatio(row: BenchRow): number | undefined {
  return row.bytes === undefined ? undefined : row.bytes / row.targetBytes;
}
