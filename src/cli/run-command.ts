import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { StudioError } from '../errors.js';
import { createEngine, processFile, type FileResult } from '../engine/index.js';
import { defaultStore } from '../store/index.js';
import { chooseNode } from './node-choice.js';
import { printRunEvents, printRunResults } from './run-output.js';
import { plainWriter, terminalWriter } from './terminal-output.js';

/** The goal when `-g` is absent (high quality, 1080p cap). */
export const DEFAULT_GOAL_TEXT = 'compress this video';

/** How many files go through the lifecycle at once (the node queues renders anyway). */
const PARALLEL_FILES = 3;

type RunOptions = { files: string[]; goal: string; outDir: string; api?: string; json: boolean; verbose: boolean };

/**
 * `compressor-studio run FILE... [-g TEXT] [-o DIR] [--api URL|cloud] [--json] [--verbose]`: each file
 * through the whole lifecycle on the chosen node. Exit 0 when every file landed, 1 when any failed
 * (the others still finish), 2 for a usage error.
 */
export async function runCommand(args: string[]): Promise<number> {
  const options = parseRunArgs(args);
  const out = process.stdout.isTTY && !options.json ? terminalWriter(process.stdout) : plainWriter(process.stdout);
  const mode = { json: options.json, verbose: options.verbose };
  const node = await chooseNode({ api: options.api, log: options.verbose && !options.json ? out.line : undefined });
  const engine = createEngine({ apiBase: node.apiBase, accessKey: node.accessKey, storeKey: node.storeKey, store: defaultStore(), liveState: false });
  const stopPrinting = printRunEvents(engine, mode, out);
  const stopOnSignal = () => engine.close();
  process.once('SIGINT', stopOnSignal);
  try {
    const results: FileResult[] = [];
    let failed = 0;
    await inPool(options.files, PARALLEL_FILES, async (file) => {
      try {
        results.push(await processFile(engine, resolve(file), { goalText: options.goal, outDir: options.outDir }));
      } catch {
        failed++; // already reported as an `error` event, one line
      }
    });
    out.end();
    printRunResults(results, mode, out.line);
    return failed > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', stopOnSignal);
    stopPrinting();
    engine.close();
    await node.close();
  }
}

/** Reads run's flags; anything wrong is a usage error (exit 2) that says what. */
export function parseRunArgs(args: string[], cwd: string = process.cwd()): RunOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        goal: { type: 'string', short: 'g' },
        out: { type: 'string', short: 'o' },
        api: { type: 'string' },
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw usage('Give at least one file to compress.');
  if (values.goal !== undefined && values.goal.trim() === '') throw usage('-g needs an instruction, e.g. -g "under 10MB".');
  return {
    files: positionals,
    goal: values.goal ?? DEFAULT_GOAL_TEXT,
    outDir: resolve(cwd, values.out ?? '.'),
    api: values.api,
    json: values.json ?? false,
    verbose: values.verbose ?? false,
  };
}

function usage(message: string): StudioError {
  return new StudioError(message, { hint: 'Usage: compressor-studio run FILE... [-g TEXT] [-o DIR] [--api URL|cloud] [--json]', exitCode: 2 });
}

async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(size, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}
