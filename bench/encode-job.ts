import type { MediaInfo } from '../src/media/types.js';

/** One encode the bench asks a tool for: this source, under this many bytes, into this folder. */
export type EncodeJob = {
  input: string;
  info: MediaInfo;
  targetBytes: number;
  outDir: string;
  /** File name stem for the output, unique per clip × target × tool. */
  stem: string;
};

/** What a tool produced; wall time and size are measured by the caller, the same way for every tool. */
export type EncodeOutput = {
  output: string;
  /** Anything a reader of the table should know (a clamped bitrate, a copy instead of an encode). */
  note?: string;
  /** Time spent checking the output, inside the encode's wall time (ours measures what it made). */
  checkMs?: number;
  /** The sound's bitrate the tool asked of the encoder, where it says. */
  audioKbps?: number;
};

/** A competitor in the benchmark: a name for the tables and a way to run one job. */
export type BenchTool = {
  name: string;
  encode: (job: EncodeJob) => Promise<EncodeOutput>;
};
