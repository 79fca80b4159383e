import { basename, isAbsolute, relative, resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Engine } from './engine.js';
import { processFile, type FileResult } from './file-lifecycle.js';

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
  /** Also take the files already in the folder when watching starts. */
  existing?: boolean;
  onResult?: (result: FileResult) => void;
  signal?: AbortSignal;
};

/** A running watch: `ready` once the folder is being watched, `close` stops it and waits for running files. */
export type FolderWatch = { ready: Promise<void>; close(): Promise<void> };

/**
 * Watches a folder and sends every file dropped into it through the whole lifecycle, as a job of its
 * own. A file counts only once its size has settled (a copy in progress is not half-compressed);
 * hidden files, partial downloads and the product's own outputs are skipped; each path is taken
 * once per watch. A file that is not a video becomes one error line, and the watch goes on.
 */
export function watchFolder(engine: Engine, options: WatchOptions): FolderWatch {
  const dir = resolve(options.dir);
  const outDir = resolve(options.outDir);
  const seen = new Set<string>();
  const running = new Set<Promise<void>>();
  const queue: string[] = [];
  const limit = options.parallel ?? 1;

  const pump = () => {
    while (running.size < limit && queue.length > 0 && !options.signal?.aborted) {
      const path = queue.shift()!;
      const task: Promise<void> = processFile(engine, path, { goalText: options.goalText, outDir, signal: options.signal })
        .then((result) => options.onResult?.(result))
        .catch(() => {}) // already one `error` event with its sentence
        .finally(() => {
          running.delete(task);
          pump();
        });
      running.add(task);
    }
  };

  const watcher: FSWatcher = watch(dir, {
    ignoreInitial: !options.existing,
    depth: 0,
    awaitWriteFinish: { stabilityThreshold: options.settleMs ?? 2_000, pollInterval: 100 },
    ignored: (path, stats) => path !== dir && isSkipped(path, outDir, stats?.isFile()),
  });
  watcher.on('add', (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    engine.notify(`New file in the watched folder: ${basename(path)}.`);
    queue.push(path);
    pump();
  });
  watcher.on('error', (error) => engine.report(error));
  const ready = new Promise<void>((done) => watcher.once('ready', () => done()));
  options.signal?.addEventListener('abort', () => void watcher.close(), { once: true });

  return {
    ready,
    async close() {
      await watcher.close();
      queue.length = 0;
      await Promise.all(running);
    },
  };
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
