import { appendFile, readFile } from 'node:fs/promises';
import { writeTextAtomic } from './persist.js';

/**
 * An append-only file of JSON lines: recording one change writes one line, not every record the
 * file holds. When the lines outnumber the live entries by far, the file is rewritten from them
 * (atomically). Appends and rewrites happen one at a time, in call order.
 */
export class JsonLog<T> {
  private queue: Promise<void> = Promise.resolve();
  private lines = 0;

  /** `live()` gives what a compacted file holds: the entries still in force. */
  constructor(
    readonly path: string,
    private readonly live: () => T[],
  ) {}

  /** Every entry in the file, in order; a line cut short (a crash mid-append) is skipped. */
  async load(): Promise<T[]> {
    const text = await readFile(this.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const entries: T[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        entries.push(JSON.parse(line) as T);
      } catch {
        // a torn last line: the change it recorded was never confirmed to anyone
      }
    }
    this.lines = entries.length;
    return entries;
  }

  /** Appends entries; resolves once they are on disk. */
  append(...entries: T[]): Promise<void> {
    return this.enqueue(async () => {
      await appendFile(this.path, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''), { mode: 0o600, flush: true });
      this.lines += entries.length;
      const live = this.live();
      if (this.lines > 2 * live.length + 100) await this.rewrite(live);
    });
  }

  /** Rewrites the file with the live entries only. */
  compact(): Promise<void> {
    return this.enqueue(() => this.rewrite(this.live()));
  }

  private async rewrite(live: T[]): Promise<void> {
    await writeTextAtomic(this.path, live.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    this.lines = live.length;
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const done = this.queue.then(step);
    this.queue = done.catch(() => undefined);
    return done;
  }
}
