import { basename, dirname, resolve } from 'node:path';
import { createEngine } from '../engine/index.js';
import { previewFrames } from '../media/index.js';
import { processFile, type FileResult } from '../studio/index.js';
import { defaultStore, type Settings } from '../store/index.js';
import { attention, LONG_JOB_MS } from './attention.js';
import { JOB_OPTIONS, parseCommandArgs, usageError } from './command-args.js';
import { usageLine } from './help.js';
import { chooseNode } from './node-choice.js';
import { printRunEvents, printRunResults } from './run-output.js';
import { runWriter, type RunWriter } from './terminal-output.js';
import { halfBlockLines, kittyPicture, pictureMode, previewLayout, sideBySide, sixelPicture } from './terminal-picture.js';
import { formatSeconds } from '../units.js';

/** The goal when `-g` is absent (high quality, 1080p cap). */
export const DEFAULT_GOAL_TEXT = 'compress this video';

/** How many files go through the lifecycle at once (the node queues renders anyway). */
const PARALLEL_FILES = 3;

/** How many moments of each output `--preview` shows. */
const PREVIEW_FRAMES = 3;

/** outDir absent: each output goes beside its input, as ffmpeg and HandBrake users expect (never into the current folder unasked). */
type RunOptions = { files: string[]; goal: string; outDir?: string; api?: string; json: boolean; verbose: boolean; preview: boolean };

/**
 * `compressor-studio run FILE... [-g TEXT] [-o DIR] [--api URL|cloud] [--json] [--verbose] [--preview]`: each
 * file through the whole lifecycle on the chosen node; `--preview` then draws a few frames of each
 * output beside its source's. Exit 0 when every file landed, 1 when any failed
 * (the others still finish), 2 for a usage error.
 */
export async function runCommand(args: string[]): Promise<number> {
  const store = defaultStore();
  const options = parseRunArgs(args, process.cwd(), store.settings());
  const out = runWriter(options.json);
  const mode = { json: options.json, verbose: options.verbose };
  const node = await chooseNode({ api: options.api, log: options.verbose && !options.json ? out.line : undefined });
  const engine = createEngine({ apiBase: node.apiBase, accessKey: node.accessKey, storeKey: node.storeKey, store, liveState: false });
  const stopPrinting = printRunEvents(engine, mode, out);
  const stopOnSignal = () => engine.close();
  process.once('SIGINT', stopOnSignal);
  const ring = attention({ stream: process.stdout, env: process.env, enabled: store.settings().notify !== false && !options.json });
  const started = Date.now();
  try {
    const results: FileResult[] = [];
    let failed = 0;
    await inPool(options.files, PARALLEL_FILES, async (file) => {
      try {
        const input = resolve(file);
        results.push(await processFile(engine, input, { goalText: options.goal, outDir: options.outDir ?? dirname(input) }));
      } catch {
        failed++; // already reported as an `error` event, one line
      }
    });
    out.end();
    printRunResults(results, mode, out.line);
    if (options.preview) await printPreviews(results, out);
    if (Date.now() - started >= LONG_JOB_MS) ring(`${results.length} done${failed > 0 ? `, ${failed} failed` : ''}`);
    return failed > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', stopOnSignal);
    stopPrinting();
    engine.close();
    await node.close();
  }
}

const RUN_USAGE = usageLine('run');

/** Reads run's flags over the stored settings (default goal, output folder); anything wrong is a usage error (exit 2). */
export function parseRunArgs(args: string[], cwd: string = process.cwd(), settings: Pick<Settings, 'outputDir' | 'defaultGoal'> = {}): RunOptions {
  const { values, positionals } = parseCommandArgs(
    { args, allowPositionals: true, options: { ...JOB_OPTIONS, preview: { type: 'boolean', default: false } } },
    RUN_USAGE,
  );
  if (positionals.length === 0) throw usageError('Give at least one file to compress.', RUN_USAGE);
  if (values.goal !== undefined && values.goal.trim() === '') throw usageError('-g needs an instruction, e.g. -g "under 10MB".', RUN_USAGE);
  if (values.preview && values.json) throw usageError('--preview draws pictures, which --json lines cannot hold: use one or the other.', RUN_USAGE);
  const outFolder = values.out ?? settings.outputDir;
  return {
    files: positionals,
    goal: values.goal ?? settings.defaultGoal ?? DEFAULT_GOAL_TEXT,
    outDir: outFolder === undefined ? undefined : resolve(cwd, outFolder),
    api: values.api,
    json: values.json ?? false,
    verbose: values.verbose ?? false,
    preview: values.preview ?? false,
  };
}

/**
 * `--preview`: each output beside its source at a few moments, as pictures the terminal can show,
 * as wide as the terminal (80 columns when it is not one). A preview that fails is one line on
 * stderr: the output is already delivered.
 */
async function printPreviews(results: FileResult[], out: RunWriter): Promise<void> {
  const mode = pictureMode(process.env);
  if (mode === 'none') {
    out.line('Preview skipped: NO_COLOR is set, and a picture is nothing but colour.');
    return;
  }
  const layout = previewLayout(mode, process.stdout.columns ?? 80, process.stdout.rows ?? 24);
  for (const result of results) {
    try {
      const pairs = await previewFrames(result.input, result.output, { count: PREVIEW_FRAMES, maxPairWidth: layout.maxPairWidth, maxHeight: layout.maxHeight });
      for (const pair of pairs) {
        out.line(`${basename(result.input)} (left) and ${basename(result.output)} (right) at ${formatSeconds(pair.atSec)}:`);
        const picture = sideBySide(pair.source, pair.output, layout.gap);
        if (mode === 'kitty') out.line(kittyPicture(picture, Math.ceil(picture.width / layout.perColumn)));
        else if (mode === 'sixel') out.line(sixelPicture(picture));
        else for (const line of halfBlockLines(picture)) out.line(line);
      }
    } catch (error) {
      out.error(`Preview of ${basename(result.output)} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(size, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}
