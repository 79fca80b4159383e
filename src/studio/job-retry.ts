import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import type { Engine } from '../engine/engine.js';
import type { JobRecord } from '../store/types.js';
import { replayJob, retryFile } from './file-lifecycle.js';
import { findPaths } from './path-words.js';

/**
 * Runs a job of the history again. One that rendered on this node renders the same draft again
 * (its titles, music, trims and mute too) in the session it ran in, into `outDir`, or with
 * `besideSource` into the folder it was to land in. Otherwise its input, to the Goal it recorded, into `outDir`. A studio
 * export records the file's name on the node, not its path, so a bare name is looked for among
 * the files this studio uploaded (`uploaded`, full paths), then the paths typed in the lines sent
 * (`lines`, the input line's history, which outlives a restart as the jobs do), then in `cwd`.
 * A file that is gone is said in one line and nothing runs. `besideSource`: the output goes
 * beside the file found, as the studio's exports do while no folder is named. Results arrive as
 * engine events.
 */
export async function retryJob(
  engine: Engine,
  job: Pick<JobRecord, 'input' | 'goal' | 'resume'>,
  options: { outDir: string; besideSource?: boolean; cwd: string; uploaded: readonly string[]; lines?: readonly string[]; signal?: AbortSignal },
): Promise<void> {
  const { resume } = job;
  if (resume?.node === engine.storeKey && resume.sessionId !== undefined && resume.draft !== undefined) {
    engine.notify(`Retrying ${basename(job.input)} as it was rendered.`);
    const locate = (name: string) => findInput(name, options);
    await replayJob(engine, { ...job, resume: { ...resume, sessionId: resume.sessionId, draft: resume.draft } }, { outDir: options.besideSource ? resume.outDir : options.outDir, locate, signal: options.signal });
    return;
  }
  const input = findInput(job.input, options);
  if (input === undefined) {
    engine.notify(`Cannot retry ${basename(job.input)}: ${isAbsolute(job.input) ? `${job.input} is gone` : 'the file is not found here'}. Upload it again to redo it.`);
    return;
  }
  engine.notify(`Retrying ${basename(input)}.`);
  await retryFile(engine, input, job.goal ?? {}, { outDir: options.besideSource ? dirname(input) : options.outDir, signal: options.signal });
}

function findInput(input: string, options: { cwd: string; uploaded: readonly string[]; lines?: readonly string[] }): string | undefined {
  if (isAbsolute(input)) return isFile(input) ? input : undefined;
  // Newest first: a name uploaded twice is most likely the last file of that name.
  const typed = [...(options.lines ?? [])].reverse().flatMap((line) => findPaths(line, (path) => isFile(expand(path, options.cwd))).paths.map((path) => expand(path, options.cwd)));
  const candidates = [...[...options.uploaded].reverse(), ...typed].filter((path) => basename(path) === input);
  return [...candidates, resolve(options.cwd, input)].find(isFile);
}

function expand(path: string, cwd: string): string {
  return resolve(cwd, path.startsWith('~/') ? `${homedir()}${path.slice(1)}` : path);
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}
