import { stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Lifecycle } from '../engine/engine.js';
import { processFile, type FileResult } from './file-lifecycle.js';
import { defaultOutputName } from '../media/place-output.js';
import { probe } from '../media/probe.js';

/** How a watched folder is handled. */
export type WatchOptions = {
  dir: string;
  /** Where outputs land; when inside `dir` it is not watched itself. */
  outDir: string;
  goalText: string;
  /** How many files go through at once (the node queues renders anyway). */
  parallel?: number;
  /** How long a file's size must stay still before it counts as fully copied in. */
  settleMs?: number;
  /** Also take the files already in the folder when watching starts (not those with an up-to-date output). */
  existing?: boolean;
  /**
   * How long a file that does not read as a whole video waits for more bytes before it is taken
   * anyway (so a file that is simply not a video is still reported).
   */
  incompleteMs?: number;
  onResult?: (result: FileResult) => void;
  signal?: AbortSignal;
};

/** A running watch: `ready` once the folder is being watched, `close` stops it and waits for running files. */
export type FolderWatch = { ready: Promise<void>; close(): Promise<void> };

/** How long a file that does not read whole waits for the rest of its bytes, by default. */
export const INCOMPLETE_WAIT_MS = 120_000;

/**
 * Watches a folder and sends every file dropped into it through the whole lifecycle, as a job of its
 * own. A file is taken once its size and mtime have settled AND it reads as a whole video (a copy
 * that pauses halfway settles too, but its data stops short of what its index promises); a file
 * that changes after it was taken is done again, its output replaced in one rename. Hidden files,
 * partial downloads and the product's own outputs are skipped, and so are files whose output is
 * newer than they are. A file that is not a video becomes one error line, and the watch goes on.
 */
export function watchFolder(engine: Lifecycle, options: WatchOptions): FolderWatch {
  const dir = resolve(options.dir);
  const outDir = resolve(options.outDir);
  /** Each path taken, with the size and mtime it had then. */
  const taken = new Map<string, string>();
  const waiting = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const queue: { path: string; replace: boolean }[] = [];
  const limit = options.parallel ?? 1;

  const pump = () => {
    while (running.size < limit && queue.length > 0 && !options.signal?.aborted) {
      const { path, replace } = queue.shift()!;
      const task: Promise<void> = processFile(engine, path, { goalText: options.goalText, outDir, replace, signal: options.signal })
        .then((result) => options.onResult?.(result))
        .catch(() => {}) // already one `error` event with its sentence
        .finally(() => {
          running.delete(task);
          pump();
        });
      running.add(task);
    }
  };

  const consider = async (path: string, waited = false) => {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return;
    const signature = `${info.size}:${info.mtimeMs}`;
    if (taken.get(path) === signature) return;
    const redo = taken.has(path);
    if (!redo && (await hasNewerOutput(path, info.mtimeMs))) {
      engine.notify(`${basename(path)} already has an up-to-date output in ${outDir}; skipped.`);
      taken.set(path, signature);
      return;
    }
    if (!waited && !(await readsWhole(path, options.signal))) {
      if (!waiting.has(path)) engine.notify(`${basename(path)} does not read as a whole video yet; waiting for the rest of it to arrive.`);
      clearTimeout(waiting.get(path));
      waiting.set(path, setTimeout(() => void consider(path, true), options.incompleteMs ?? INCOMPLETE_WAIT_MS));
      return;
    }
    clearTimeout(waiting.get(path));
    waiting.delete(path);
    taken.set(path, signature);
    engine.notify(redo ? `${basename(path)} changed after it was taken; doing it again.` : `New file in the watched folder: ${basename(path)}.`);
    queue.push({ path, replace: redo });
    pump();
  };

  const hasNewerOutput = async (path: string, mtimeMs: number) => {
    const output = await stat(join(outDir, defaultOutputName(basename(path), 'mp4'))).catch(() => undefined);
    return output !== undefined && output.mtimeMs >= mtimeMs;
  };

  const watcher: FSWatcher = watch(dir, {
    ignoreInitial: !options.existing,
    depth: 0,
    awaitWriteFinish: { stabilityThreshold: options.settleMs ?? 2_000, pollInterval: 100 },
    ignored: (path, stats) => path !== dir && isSkipped(path, outDir, stats?.isFile()),
  });
  // One check at a time per path: an add and a change close together must not take a file twice.
  const checks = new Map<string, Promise<void>>();
  const onFile = (path: string) => {
    const next = (checks.get(path) ?? Promise.resolve()).then(() => consider(path)).catch((error: unknown) => void engine.report(error));
    checks.set(path, next);
  };
  watcher.on('add', onFile);
  watcher.on('change', onFile);
  watcher.on('error', (error) => engine.report(error));
  const ready = new Promise<void>((done) => watcher.once('ready', () => done()));
  const stopWaiting = () => {
    for (const timer of waiting.values()) clearTimeout(timer);
    waiting.clear();
  };
  options.signal?.addEventListener(
    'abort',
    () => {
      stopWaiting();
      void watcher.close();
    },
    { once: true },
  );

  return {
    ready,
    async close() {
      stopWaiting();
      await watcher.close();
      queue.length = 0;
      await Promise.all(running);
    },
  };
}

// A copy that paused halfway fails to probe (its index is at the end) or stops short of the
// duration its index promises (probe checks the tail).
async function readsWhole(path: string, signal?: AbortSignal): Promise<boolean> {
  return probe(path, { signal }).then(
    () => true,
    () => false,
  );
}

/** Files a watch never takes. Pure. */
export function isSkipped(path: string, outDir: string, isFile: boolean | undefined): boolean {
  const name = basename(path);
  if (name.startsWith('.')) return true; // hidden, and our own temp names
  if (isInside(path, outDir)) return true;
  if (isFile === false) return false; // folders: depth 0 keeps the watch from going into them
  return /\.(compressed(?: \(\d+\))?\.(mp4|webm|mov|mkv)|part|crdownload|download|tmp|partial)$/i.test(name);
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
