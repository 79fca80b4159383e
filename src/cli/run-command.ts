import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { createEngine } from '../engine/engine.js';
import { parseInstruction } from '../goal/parse-instruction.js';
import { processFile, type FileResult } from '../studio/file-lifecycle.js';
import { defaultStore } from '../store/conf-store.js';
import type { Settings } from '../store/types.js';
import { attention, LONG_JOB_MS } from './attention.js';
import { jobGoal, jobOutDir, JOB_OPTIONS, notUnderstood, parseCommandArgs } from './command-args.js';
import { chooseNode } from './node-choice.js';
import { batchSummary, printRunEvents, printRunResults, runWriter } from './run-output.js';

/** How many files go through the lifecycle at once (the node queues renders anyway). */
const PARALLEL_FILES = 3;

/** outDir absent: each output goes beside its input, as ffmpeg and HandBrake users expect (never into the current folder unasked). */
type RunOptions = { files: string[]; goal: string; leftOut: string[]; outDir?: string; api?: string; json: boolean; verbose: boolean; preview: boolean };

/**
 * `compressor-studio run FILE... [-g TEXT] [-o DIR] [--api URL|cloud] [--json] [--verbose] [--preview]`: each
 * file through the whole lifecycle on the chosen node; `--preview` then draws a few frames of each
 * output beside its source's. Exit 0 when every file landed, 1 when any failed
 * (the others still finish), 2 for a usage error.
 */
export async function runCommand(args: string[]): Promise<number> {
  const store = defaultStore();
  const options = parseRunArgs(args, process.cwd(), store.settings());
  if (options.leftOut.length > 0) process.stderr.write(`${notUnderstood(options.leftOut)}\n`);
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
    if (options.files.length > 1 && !options.json) out.line(batchSummary(results.length, failed));
    // Only `--preview` needs the frame grabber and the picture encoders.
    if (options.preview) await (await import('./run-preview.js')).printPreviews(results, out);
    if (Date.now() - started >= LONG_JOB_MS) ring(`${results.length} done${failed > 0 ? `, ${failed} failed` : ''}`);
    return failed > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', stopOnSignal);
    stopPrinting();
    engine.close();
    await node.close();
  }
}

/** Reads run's flags over the stored settings (default goal, output folder); anything wrong is a usage error (exit 2). */
export function parseRunArgs(args: string[], cwd: string = process.cwd(), settings: Pick<Settings, 'outputDir' | 'defaultGoal'> = {}): RunOptions {
  const { values, positionals } = parseCommandArgs(
    { args, allowPositionals: true, options: { ...JOB_OPTIONS, preview: { type: 'boolean', default: false } } },
  );
  if (positionals.length === 0) throw new UsageError('Give at least one file to compress.');
  // `run clip.mp4 "under 10MB"` is an easy slip: said before any work, not as a missing file after
  // the other files were compressed to the default goal.
  const instruction = positionals.find((word) => readsAsInstruction(word) && !existsSync(resolve(cwd, word)));
  if (instruction !== undefined) throw new UsageError(`"${instruction}" is not a file but reads as an instruction: give it with -g, e.g. compressor-studio run FILE -g "${instruction}".`);
  if (values.goal !== undefined && values.goal.trim() === '') throw new UsageError('-g needs an instruction, e.g. -g "under 10MB".');
  if (values.preview && values.json) throw new UsageError('--preview draws pictures, which --json lines cannot hold: use one or the other.');
  const goal = jobGoal(values.goal, settings.defaultGoal);
  const outDir = jobOutDir(values.out, settings.outputDir, cwd);
  return {
    files: positionals,
    goal: goal.text,
    leftOut: goal.leftOut,
    outDir,
    api: values.api,
    json: values.json ?? false,
    verbose: values.verbose ?? false,
    preview: values.preview ?? false,
  };
}

/** Whether a word on the command line is an instruction the parser understands whole ("under 10MB", "720p"), not a file name. */
function readsAsInstruction(word: string): boolean {
  const parsed = parseInstruction(word);
  return Object.keys(parsed.goal).length > 0 && parsed.unknown.length === 0;
}

async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(size, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}
