import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { StudioError } from '../errors.js';
import { isChinese } from '../goal/language.js';
import { parseInstruction } from '../goal/parse-instruction.js';
import { assertNever } from '../engine/sse/chat-event.js';
import type { Engine } from '../engine/engine.js';
import type { GuiAction } from '../engine/gui-phrases.js';
import { exportNow, showCredits, showTimeline } from './commands.js';
import { aimedAtUploads, routeText } from './routing.js';
import type { StudioWatch } from './studio-watch.js';

/**
 * Where exports land (`besideSources`: beside each local source, `outDir` for the rest, until a
 * folder is named) and what the studio lets run on its own. `setOutDir` and `setAutoExport`:
 * how "set the output folder to …" and "auto export on" change those from now on (absent: the
 * line is answered with the config command that does it).
 */
export type HandleOptions = {
  outDir: string;
  besideSources?: boolean;
  autoExport: boolean;
  signal?: AbortSignal;
  cwd?: string;
  /** The studio's watch folder, which "watch DIR" and "stop watching" start and stop. */
  watch: StudioWatch;
  /** The instruction a watch started now uses: the last one that set a goal (default DEFAULT_WATCH_GOAL). */
  watchGoal?: string;
  /** Told each instruction that sets a goal, so the next watch can use it. */
  onGoal?: (text: string) => void;
  setOutDir?: (dir: string) => void;
  setAutoExport?: (on: boolean) => void;
};

/** What a watched folder does with its files when no default goal is set. */
export const DEFAULT_WATCH_GOAL = 'compress this video';

/**
 * What the studio does with a line the user typed: routed first (routing.ts) so export, credits,
 * status and uploads skip the chat; a chat turn's actions (turnActions in turn.ts: our node's typed plan,
 * else the cloud's GUI phrases) then run (timeline summaries, state, a drag sent back as an edit;
 * an export only when auto-export is on, since it writes files the user did not ask for in words).
 * Results arrive as engine events.
 */
export async function handleText(engine: Engine, text: string, options: HandleOptions): Promise<void> {
  const cwd = options.cwd ?? process.cwd();
  const route = routeText(
    text,
    (path) => isFile(expand(path, cwd)),
    (path) => isDir(expand(path, cwd)),
  );
  switch (route.kind) {
    case 'export': {
      // "export 720p with the title 'Hi'": the node applies the edit in a turn, then the export runs.
      if (route.edit !== undefined) await engine.send(route.edit, { signal: options.signal });
      const outDir = route.outDir === undefined ? options.outDir : expand(route.outDir, cwd);
      if (isFile(outDir)) throw new StudioError(`${route.outDir} is a file, not a folder.`, { hint: 'Name a folder to export into.' });
      await exportNow(engine, outDir, { goal: route.goal, besideSources: route.outDir === undefined && options.besideSources, signal: options.signal });
      return;
    }
    case 'set-output': {
      const dir = expand(route.dir, cwd);
      if (isFile(dir)) throw new StudioError(`${route.dir} is a file, not a folder.`, { hint: 'Name a folder for the outputs.' });
      if (!options.setOutDir) {
        engine.notify(`Exports land in ${options.besideSources ? 'the folder of each video' : options.outDir} here; to change that for good, run: compressor-studio config --out ${dir}`);
        return;
      }
      options.setOutDir(dir);
      engine.notify(`Exports now land in ${dir}${isDir(dir) ? '' : ' (created on the first export)'}, this time and next.`);
      return;
    }
    case 'credits':
      await showCredits(engine, { chinese: isChinese(text), signal: options.signal });
      return;
    case 'status':
      await showTimeline(engine, options.signal);
      return;
    case 'upload': {
      const uploaded = route.paths.length > 0 ? await engine.upload(route.paths.map((path) => expand(path, cwd)), { signal: options.signal }) : [];
      if (route.paths.length === 0 && route.rest === '') engine.notify('Type or paste the path of the file to upload.');
      if (route.rest !== '') await chat(engine, aimedAtUploads(uploaded.map((file) => file.name), route.rest), options);
      return;
    }
    case 'no-such-file':
      engine.notify(`Nothing found at ${route.paths.join(', ')}. Check the path, or paste it whole (quote a name that has spaces).`);
      return;
    case 'set-auto-export':
      if (!options.setAutoExport) {
        engine.notify(`To change that for good, run: compressor-studio config --auto-export ${route.on ? 'on' : 'off'}`);
        return;
      }
      options.setAutoExport(route.on);
      engine.notify(route.on ? 'Auto-export is on: a draft that is ready is exported by itself, into the output folder.' : 'Auto-export is off: say export when you are ready.');
      return;
    case 'watch': {
      // The CLI's rule: outputs go with the watched folder, into DIR/compressed.
      const dir = expand(route.dir, cwd);
      await options.watch.start(dir, { outDir: join(dir, 'compressed'), goalText: options.watchGoal ?? DEFAULT_WATCH_GOAL });
      return;
    }
    case 'watch-a-file':
      engine.notify(`${route.path} is a file: a watch takes a folder, and each video dropped into it is compressed (say "watch ~/Drop"). To compress this file, paste its path alone.`);
      return;
    case 'unwatch':
      if (!(await options.watch.stop())) engine.notify('No folder is being watched.');
      return;
    case 'start-over':
      await engine.startOver(options.signal);
      return;
    case 'chat':
      await chat(engine, route.text, options);
      return;
    default:
      assertNever(route);
  }
}

async function chat(engine: Engine, text: string, options: HandleOptions): Promise<void> {
  if (Object.keys(parseInstruction(text).goal).length > 0) options.onGoal?.(text);
  const turn = await engine.send(text, { signal: options.signal });
  for (const action of turn.actions) await act(engine, action, options);
}

async function act(engine: Engine, action: GuiAction, options: HandleOptions): Promise<void> {
  switch (action.kind) {
    case 'export':
      // Without auto-export the reply itself says how to export (keyboardWording).
      if (options.autoExport) await engine.exportDraft({ outDir: options.outDir, besideSources: options.besideSources, signal: options.signal });
      return;
    case 'timeline':
      await showTimeline(engine, options.signal);
      return;
    case 'state':
      await engine.state({ signal: options.signal });
      return;
    case 'edit':
      // Sent once, without acting on its reply's phrases: a reply that asks for another drag must not loop.
      await engine.send(action.instruction, { signal: options.signal });
      return;
    default:
      assertNever(action);
  }
}

function expand(path: string, cwd: string): string {
  return resolve(cwd, path.startsWith('~/') ? `${homedir()}${path.slice(1)}` : path);
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function isDir(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
