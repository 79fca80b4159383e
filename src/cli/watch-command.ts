import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { StudioError, UsageError } from '../errors.js';
import { createEngine } from '../engine/engine.js';
import { watchFolder } from '../studio/watch-folder.js';
import { defaultStore } from '../store/conf-store.js';
import { attention, ringOnLongJobs } from './attention.js';
import { jobGoal, jobOutDir, JOB_OPTIONS, notUnderstood, parseCommandArgs } from './command-args.js';
import { chooseNode } from './node-choice.js';
import { printRunEvents, printRunResults, runWriter } from './run-output.js';

/**
 * `compressor-studio watch DIR`: every video dropped into DIR comes out compressed in the output
 * folder (default DIR/compressed), until Ctrl+C. Runs on the same engine and node as `run`.
 */
export async function watchCommand(args: string[]): Promise<number> {
  const store = defaultStore();
  const options = parseWatchArgs(args, process.cwd(), store.settings().defaultGoal);
  await assertFolder(options.dir);
  if (options.leftOut.length > 0) process.stderr.write(`${notUnderstood(options.leftOut)}\n`);
  const out = runWriter(options.json);
  const mode = { json: options.json, verbose: false };
  const node = await chooseNode({ api: options.api });
  const engine = createEngine({ apiBase: node.apiBase, accessKey: node.accessKey, storeKey: node.storeKey, store, liveState: false });
  const stopPrinting = printRunEvents(engine, mode, out);
  const stopRinging = ringOnLongJobs(engine, attention({ stream: process.stdout, env: process.env, enabled: store.settings().notify !== false && !options.json }));
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const watch = watchFolder(engine, {
    dir: options.dir,
    outDir: options.outDir,
    goalText: options.goal,
    existing: options.existing,
    signal: stop.signal,
    onResult: (result) => printRunResults([result], mode, out.line),
  });
  try {
    await watch.ready;
    if (!options.json) out.line(`Watching ${options.dir} — drop videos in; outputs go to ${options.outDir}. Ctrl+C stops.`);
    await new Promise<void>((done) => stop.signal.addEventListener('abort', () => done(), { once: true }));
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await watch.close();
    out.end();
    stopPrinting();
    stopRinging();
    engine.close();
    await node.close();
  }
}

async function assertFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new StudioError(`${dir} does not exist.`, { hint: 'Create the folder first, or give another one to watch.' });
  if (!info.isDirectory()) throw new StudioError(`${dir} is a file, not a folder.`, { hint: 'Give the folder to watch; use "run" for single files.' });
}

type WatchArgs = { dir: string; outDir: string; goal: string; leftOut: string[]; existing: boolean; api?: string; json: boolean };

function parseWatchArgs(args: string[], cwd: string, defaultGoal: string | undefined): WatchArgs {
  const { values, positionals } = parseCommandArgs(
    { args, allowPositionals: true, options: { ...JOB_OPTIONS, existing: { type: 'boolean', default: false } } },
  );
  if (positionals.length !== 1) throw new UsageError('Give one folder to watch.');
  const dir = resolve(cwd, positionals[0]);
  const goal = jobGoal(values.goal, defaultGoal);
  return {
    dir,
    outDir: jobOutDir(values.out, undefined, cwd) ?? join(dir, 'compressed'),
    goal: goal.text,
    leftOut: goal.leftOut,
    existing: values.existing ?? false,
    api: values.api,
    json: values.json ?? false,
  };
}
