import { parseInstruction } from '../goal/index.js';
import type { Goal } from '../goal/types.js';

/**
 * Where a piece of user text goes before anything is sent (the brief's routing table):
 * export, credits and status skip the chat; file paths (or "upload") go to upload, with any
 * instruction beside them kept for the chat afterwards; everything else is a chat turn.
 */
export type Route =
  /** `edit`: the same text carried a timeline edit (a title, music) the node must apply first. */
  | { kind: 'export'; goal: Goal; edit?: string }
  | { kind: 'credits' }
  | { kind: 'status' }
  | { kind: 'upload'; paths: string[]; rest: string }
  | { kind: 'watch'; dir: string }
  | { kind: 'unwatch' }
  | { kind: 'chat'; text: string };

// "watch ~/Drop", "watch the folder ./in", "监控 ~/Drop"; the folder must exist.
const WATCH = /^\s*(?:watch|monitor|监控|监视)\s+(?:the\s+)?(?:folder\s+|文件夹\s*)?("[^"]+"|'[^']+'|\S+)\s*$/i;
const UNWATCH = /^\s*(?:(?:stop watching|unwatch|stop the watch(?: folder)?)\b|停止监控|停止监视)/i;

const MEDIA_EXTENSION = /\.(mp4|mov|avi|webm|mkv|m4v|3gp|mts|m2ts|mpg|mpeg|ogv|flv|wmv|mp3|wav|m4a|aac|jpg|jpeg|png|gif|webp)$/i;

/**
 * Routes one piece of text. `isFile` and `isDir` say whether a path names an existing file or
 * folder (injected: this stays pure).
 */
export function routeText(text: string, isFile: (path: string) => boolean, isDir: (path: string) => boolean = () => false): Route {
  if (UNWATCH.test(text)) return { kind: 'unwatch' };
  const watch = WATCH.exec(text);
  const dir = watch?.[1].replace(/^["']|["']$/g, '');
  if (dir !== undefined && isDir(dir)) return { kind: 'watch', dir };
  const { paths, rest } = splitPaths(text, isFile);
  const parsed = parseInstruction(rest);
  if (paths.length > 0 || parsed.intent === 'upload') return { kind: 'upload', paths, rest: paths.length > 0 ? rest : '' };
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

/**
 * The file paths in a text: quoted strings and words that look like paths (`/…`, `./…`, `~/…`,
 * or a media extension) and name existing files. The rest of the text is returned without them.
 */
export function splitPaths(text: string, isFile: (path: string) => boolean): { paths: string[]; rest: string } {
  const paths: string[] = [];
  const rest = text.replace(/"([^"]+)"|'([^']+)'|(\S+)/g, (word, double?: string, single?: string, bare?: string) => {
    const candidate = double ?? single ?? bare ?? '';
    const looksLikePath = double !== undefined || single !== undefined || /^(~?\/|\.\.?\/)/.test(candidate) || MEDIA_EXTENSION.test(candidate);
    if (looksLikePath && isFile(candidate)) {
      paths.push(candidate);
      return '';
    }
    return word;
  });
  return { paths, rest: rest.replace(/\s+/g, ' ').trim() };
}
