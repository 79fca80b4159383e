import { parseArgs } from 'node:util';

/** What one `npm run bench` invocation should do. */
export type BenchOptions = {
  /** Folder of clips; every media file directly inside it is benchmarked. */
  clipsDir: string;
  /** Substrings of file names to keep (`--only`, repeatable); empty keeps every clip. */
  only: string[];
  /** Targets as percentages of each source's size, e.g. [25, 8, 2]. */
  targetPercents: number[];
  /** libvmaf model (`.pkl` with its `.pkl.model` beside it); without it only SSIM is measured. */
  vmafModel?: string;
  /** Run the SSIM↔VMAF calibration instead of the size benchmark. */
  calibrate: boolean;
  /** Run the quality-mode table (ours vs naive CRF vs HandBrake vs the oracle) instead of the size benchmark. */
  quality: boolean;
  /** Run only the WebM/AV1 line (seconds per output second with each ffmpeg build); the size run ends with it too. */
  av1: boolean;
  /** x264 CRFs the calibration encodes each clip at. */
  crfs: number[];
  /** Leave HandBrakeCLI out even when it is installed. */
  skipHandbrake: boolean;
  /** Keep the encoded files (their folder is printed) instead of deleting them. */
  keep: boolean;
  /** The Markdown file the results are written into. */
  resultsFile: string;
};

/** Defaults that depend on where the repository is; the rest are fixed. */
export type BenchDefaults = { clipsDir: string; resultsFile: string };

/** The usage text, for `--help` and argument errors. */
export const BENCH_USAGE = `usage: npm run bench -- [--clips DIR] [--only NAME]... [--targets 25,8,2] [--vmaf-model FILE.pkl]
                        [--calibrate [--crfs 14,17,20,23,26] | --quality | --av1] [--no-handbrake] [--keep] [--results FILE]`;

/** Reads the bench's command line (the words after `--`); throws an Error carrying the usage on bad input. */
export function parseBenchArgs(argv: readonly string[], defaults: BenchDefaults): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      clips: { type: 'string' },
      only: { type: 'string', multiple: true },
      targets: { type: 'string' },
      'vmaf-model': { type: 'string' },
      calibrate: { type: 'boolean' },
      quality: { type: 'boolean' },
      av1: { type: 'boolean' },
      crfs: { type: 'string' },
      'no-handbrake': { type: 'boolean' },
      keep: { type: 'boolean' },
      results: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  return {
    clipsDir: values.clips ?? defaults.clipsDir,
    only: values.only ?? [],
    targetPercents: numberList(values.targets ?? '25,8,2', '--targets', (n) => n > 0 && n < 100),
    vmafModel: values['vmaf-model'],
    calibrate: values.calibrate ?? false,
    quality: values.quality ?? false,
    av1: values.av1 ?? false,
    crfs: numberList(values.crfs ?? '14,17,20,23,26', '--crfs', (n) => Number.isInteger(n) && n >= 0 && n <= 51),
    skipHandbrake: values['no-handbrake'] ?? false,
    keep: values.keep ?? false,
    resultsFile: values.results ?? defaults.resultsFile,
  };
}

function numberList(text: string, flag: string, valid: (n: number) => boolean): number[] {
  const numbers = text.split(',').map((part) => Number(part.trim()));
  if (numbers.length === 0 || numbers.some((n) => !Number.isFinite(n) || !valid(n))) {
    throw new Error(`${flag} takes a comma-separated list of numbers in range, got "${text}".\n${BENCH_USAGE}`);
  }
  return numbers;
}
