import { statSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import type { Engine, JobRecord } from '../engine/index.js';
import { retryFile } from './file-lifecycle.js';

/**
 * Runs a job of the history again: its input, to the Goal it recorded, into `outDir`. A studio
 * export records the file's name on the node, not its path, so a bare name is looked for among
 * the files this studio uploaded (`uploaded`, full paths) and then in `cwd`. A file that is gone
 * is said in one line and nothing runs. Results arrive as engine events.
 */
export async function retryJob(engine: Engine, job: Pick<JobRecord, 'input' | 'goal'>, options: { outDir: string; cwd: string; uploaded: readonly string[]; signal?: AbortSignal }): Promise<void> {
  const input = findInput(job.input, options);
  if (input === undefined) {
    engine.notify(`Cannot retry ${basename(job.input)}: ${isAbsolute(job.input) ? `${job.input} is gone` : 'the file is not found here'}. Upload it again to redo it.`);
    return;
  }
  engine.notify(`Retrying ${basename(input)}.`);
  await retryFile(engine, input, job.goal ?? {}, { outDir: options.outDir, signal: options.signal });
}

function findInput(input: string, options: { cwd: string; uploaded: readonly string[] }): string | undefined {
  const candidates = isAbsolute(input) ? [input] : [...options.uploaded.filter((path) => basename(path) === input).reverse(), resolve(options.cwd, input)];
  return candidates.find((path) => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false);
}
