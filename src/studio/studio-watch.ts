import type { Engine, Lifecycle } from '../engine/engine.js';
import { watchFolder, type FolderWatch } from './watch-folder.js';

/** What the studio's watch needs of the engine: the file lifecycle, and a way to tell the views. */
export type WatchEngine = Lifecycle & Pick<Engine, 'announceWatch'>;

/**
 * The studio's watch folder, one at a time ("watch ~/Drop", "stop watching"): every video dropped
 * into it goes through the whole lifecycle as a job of its own. The studio owns it, not the
 * engine: the engine is the protocol client and knows nothing of folders.
 */
export class StudioWatch {
  private current?: { dir: string; watch: FolderWatch };

  constructor(private readonly engine: WatchEngine) {}

  /** Watches `dir` instead of the folder watched so far, its outputs into `outDir`. */
  async start(dir: string, options: { outDir: string; goalText: string }): Promise<void> {
    await this.stop();
    const watch = watchFolder(this.engine, { dir, outDir: options.outDir, goalText: options.goalText });
    this.current = { dir, watch };
    await watch.ready;
    this.engine.announceWatch({ dir, outDir: options.outDir });
    this.engine.notify(`Watching ${dir}: videos dropped there come out compressed in ${options.outDir}. Say "stop watching" to stop.`);
  }

  /** Stops watching, if a folder was watched (true then); files already being compressed finish. */
  async stop(): Promise<boolean> {
    const current = this.current;
    if (!current) return false;
    this.current = undefined;
    this.engine.announceWatch({});
    this.engine.notify(`Stopped watching ${current.dir}.`);
    await current.watch.close();
    return true;
  }
}
