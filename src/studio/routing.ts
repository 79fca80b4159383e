import { saysEveryFile } from '../goal/intent.js';
import { parseInstruction } from '../goal/parse-instruction.js';
import type { Goal } from '../goal/types.js';
import { findPaths, looksLikePath } from './path-words.js';

/**
 * Where a piece of user text goes before anything is sent (the brief's routing table):
 * export, credits and status skip the chat; file paths (or "upload") go to upload, with any
 * instruction beside them kept for the chat afterwards; everything else is a chat turn.
 */
export type Route =
  /**
   * `edit`: the same text carried a timeline edit (a title, music) the node must apply first.
   * `outDir`: "export to ./done", this export's folder (as typed).
   */
  | { kind: 'export'; goal: Goal; edit?: string; outDir?: string }
  /** "set the output folder to ~/out": where exports land from now on (as typed). */
  | { kind: 'set-output'; dir: string }
  /** "auto export on": export by itself once a reply says the draft is ready. */
  | { kind: 'set-auto-export'; on: boolean }
  | { kind: 'credits' }
  | { kind: 'status' }
  /** `rest`: what else the text said (with no paths: the whole text, when it set a goal to keep). */
  | { kind: 'upload'; paths: string[]; rest: string }
  /** Words that look like file paths and name no file, in a text that named no file that exists. */
  | { kind: 'no-such-file'; paths: string[] }
  | { kind: 'watch'; dir: string }
  /** "watch notes.txt": a file where a folder to watch was meant. */
  | { kind: 'watch-a-file'; path: string }
  | { kind: 'unwatch' }
  /** A new, empty project in place of the studio's session. */
  | { kind: 'start-over' }
  | { kind: 'chat'; text: string };

// "watch ~/Drop", "watch the folder ./in", "监控 ~/Drop"; the folder must exist.
const WATCH = /^\s*(?:watch|monitor|监控|监视)\s+(?:the\s+)?(?:folder\s+|文件夹\s*)?("[^"]+"|'[^']+'|\S+)\s*$/i;
const UNWATCH = /^\s*(?:(?:stop watching|unwatch|stop the watch(?: folder)?)\b|停止监控|停止监视)/i;
// A folder said as where the output goes: "to ./done", "into ~/Desktop", "in /srv/out".
const TO_FOLDER = /\s+(?:to|into|in)\s+("[^"]+"|'[^']+'|(?:~|\.{1,2})?\/\S*)\s*$/i;
// "set the output folder to X", "output folder: X", "save everything to X": the default from now on.
const SET_OUTPUT = /^\s*(?:(?:set|change)\s+(?:the\s+)?output\s+(?:folder|directory|dir)|output\s+(?:folder|directory|dir)\s*(?:is|:|=)?|save\s+(?:everything|all\s+(?:outputs|files|exports)|outputs|exports))\s*(?:to|into|in)?\s+("[^"]+"|'[^']+'|\S+)\s*$/i;
// "auto export on", "turn off auto-export", "always export automatically", "自动导出".
const AUTO_EXPORT = /^\s*(?:(?:turn|switch)\s+(on|off)\s+auto[- ]?export(?:ing)?|auto[- ]?export(?:ing)?\s*(?:is\s+|:\s*)?(on|off)|(always|never)\s+export\s+automatically|(开启|关闭)自动导出)\s*[.!]?\s*$/i;
// "save to X", "put it in X": export now, into X.
const SAVE_TO = /^\s*(?:save|put|write)(?:\s+(?:it|them|this|the\s+(?:video|videos|file|files|output|outputs)))?\s*$/i;

// The whole line only: "start over with 720p" is an instruction for this project.
const START_OVER = /^\s*(?:(?:start (?:over|again|a new project|afresh)|new project|clear (?:the )?timeline|reset (?:the )?(?:project|timeline))[.!]?|新项目|重新开始|清空时间线)\s*$/i;

// The whole line only, as a key would be pressed: "cancel the render", "stop exporting", "取消".
const CANCEL = /^\s*(?:(?:cancel|abort|stop)(?: it| that| this| the (?:render|export|job|download|upload)| rendering| exporting| the current job)?|取消(?:导出|渲染)?|停止(?:导出|渲染))\s*[.!。！]?\s*$/i;

/**
 * Whether a typed line asks to cancel the running job: said at once, not queued behind the job it
 * would cancel (what Ctrl+X does).
 */
export function asksToCancel(text: string): boolean {
  return CANCEL.test(text);
}

/**
 * Routes one piece of text. `isFile` and `isDir` say whether a path names an existing file or
 * folder (injected: this stays pure).
 */
export function routeText(text: string, isFile: (path: string) => boolean, isDir: (path: string) => boolean = () => false): Route {
  if (UNWATCH.test(text)) return { kind: 'unwatch' };
  if (START_OVER.test(text)) return { kind: 'start-over' };
  const auto = AUTO_EXPORT.exec(text);
  if (auto) return { kind: 'set-auto-export', on: ['on', 'always', '开启'].includes((auto[1] ?? auto[2] ?? auto[3] ?? auto[4]).toLowerCase()) };
  const setOutput = SET_OUTPUT.exec(text);
  if (setOutput) return { kind: 'set-output', dir: unquote(setOutput[1]) };
  const folder = exportFolder(text, isFile);
  if (folder) return folder;
  const watch = WATCH.exec(text);
  if (watch) {
    const dir = unquote(watch[1]);
    if (isDir(dir)) return { kind: 'watch', dir };
    if (isFile(dir)) return { kind: 'watch-a-file', path: dir };
    // "watch ~/Missing" says so; "watch this" is not about a folder at all.
    if (looksLikePath(dir)) return { kind: 'no-such-file', paths: [dir] };
  }
  const { paths, missing, rest } = findPaths(text, isFile);
  if (paths.length === 0 && missing.length > 0) return { kind: 'no-such-file', paths: missing };
  const parsed = parseInstruction(rest);
  if (paths.length > 0) return { kind: 'upload', paths, rest };
  // "upload and compress to 10MB": the goal goes to the session now, the file when it is named.
  if (parsed.intent === 'upload') return { kind: 'upload', paths, rest: Object.keys(parsed.goal).length > 0 || parsed.edits ? text : '' };
  switch (parsed.intent) {
    case 'export':
      return parsed.edits ? { kind: 'export', goal: parsed.goal, edit: text } : { kind: 'export', goal: parsed.goal };
    case 'credits':
      return { kind: 'credits' };
    case 'status':
      return { kind: 'status' };
    default:
      return { kind: 'chat', text };
  }
}

/** "export 720p to ./done", "save to ~/Desktop": an export into a folder, else undefined. */
function exportFolder(text: string, isFile: (path: string) => boolean): Route | undefined {
  const match = TO_FOLDER.exec(text);
  if (!match) return undefined;
  const dir = unquote(match[1]);
  if (isFile(dir)) return undefined; // a file named there is an upload
  const before = text.slice(0, match.index);
  if (SAVE_TO.test(before)) return { kind: 'export', goal: {}, outDir: dir };
  const parsed = parseInstruction(before);
  if (parsed.intent !== 'export') return undefined;
  return { kind: 'export', goal: parsed.goal, outDir: dir, ...(parsed.edits ? { edit: before } : {}) };
}

function unquote(word: string): string {
  return word.replace(/^(["'])(.*)\1$/, '$2');
}

/**
 * What to send of an instruction typed on the line that uploaded `names`: with several files, it is
 * for them, so their names lead it ("a.mp4 b.mp4 under 10MB") and the node aims it at them, not at
 * the newest file alone. One file is the newest anyway; "all of them" keeps its own meaning.
 */
export function aimedAtUploads(names: string[], rest: string): string {
  return names.length < 2 || saysEveryFile(rest) ? rest : `${names.join(' ')} ${rest}`;
}
