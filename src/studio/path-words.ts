import { fileURLToPath } from 'node:url';

/**
 * File paths in typed text, in every form a terminal produces: bare, "double" or 'single' quoted
 * (an apostrophe inside included), shell-escaped (`it\'s\ here.mp4`, what a drop gives in many
 * terminals), `file://` URIs, and bare names with spaces (`my, (1).mp4`). Pure: whether a path
 * names a file is asked of `isFile`.
 */

const MEDIA_EXTENSION = /.\.(mp4|mov|avi|webm|mkv|m4v|3gp|mts|m2ts|mpg|mpeg|ogv|flv|wmv|mp3|wav|m4a|aac|jpg|jpeg|png|gif|webp)$/i;

/**
 * A bare file name with an extension of any kind ("notes.txt"): a path only where such a file
 * exists, so that the upload can say it is no video, where the words read as an instruction said
 * they were not understood.
 */
const NAME_WITH_EXTENSION = /^[^\s/]+\.[A-Za-z0-9]{1,5}$/;

/** `/…`, `./…`, `../…`, `~/…` or a name with a media extension; a web URL is not a local path. */
export function looksLikePath(word: string): boolean {
  return !word.includes('://') && (/^(~?\/|\.\.?\/)\S/.test(word) || MEDIA_EXTENSION.test(word));
}

/** A shell word read from `start`: quotes and backslashes decoded; `open` when a quote is left open. */
export type ShellWord = { start: number; end: number; value: string; open?: '"' | "'" };

/** Reads one shell word (POSIX quoting) starting at `start`, which is not whitespace. */
export function shellWordAt(text: string, start: number): ShellWord {
  let value = '';
  let at = start;
  let open: '"' | "'" | undefined;
  while (at < text.length) {
    const char = text[at];
    if (open === "'") {
      if (char === "'") open = undefined;
      else value += char;
    } else if (open === '"') {
      if (char === '"') open = undefined;
      else if (char === '\\' && /["\\$`]/.test(text[at + 1] ?? '')) value += text[++at];
      else value += char;
    } else if (/\s/.test(char)) break;
    else if (char === "'" || char === '"') open = char;
    else if (char === '\\' && at + 1 < text.length) value += text[++at];
    else value += char;
    at++;
  }
  return { start, end: at, value, ...(open ? { open } : {}) };
}

/** The shell words of a text, in order. */
export function shellWords(text: string): ShellWord[] {
  const words: ShellWord[] = [];
  let at = 0;
  while (at < text.length) {
    if (/\s/.test(text[at])) at++;
    else {
      const word = shellWordAt(text, at);
      words.push(word);
      at = word.end;
    }
  }
  return words;
}

/** A path written so that `shellWordAt` reads it back: specials backslash-escaped, as a shell does. */
export function escapePath(path: string): string {
  return path.replace(/([\s'"\\$`!&;|<>()*?[\]{}#])/g, '\\$1');
}

/** The local path a `file://` URI names (a terminal drop), else undefined. */
export function fileUriPath(word: string): string | undefined {
  if (!/^file:\/\//i.test(word)) return undefined;
  try {
    return fileURLToPath(word);
  } catch {
    return undefined;
  }
}

type Candidate = { end: number; path: string };

// Readings of the text at `start` that could be one path, most specific first.
function candidatesAt(text: string, start: number): Candidate[] {
  const candidates: Candidate[] = [];
  const add = (end: number, path: string) => {
    candidates.push({ end, path });
    const trimmed = path.replace(/[,;:!?)]+$/, '');
    if (trimmed !== path && trimmed !== '') candidates.push({ end, path: trimmed });
  };
  const word = shellWordAt(text, start);
  if (!word.open) add(word.end, fileUriPath(word.value) ?? word.value);
  // A quoted path with an apostrophe inside ('it's.mp4'): the quote that closes it is one followed by a space or the end.
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    for (let close = text.indexOf(quote, start + 1); close !== -1; close = text.indexOf(quote, close + 1)) {
      if (close + 1 === text.length || /[\s,;:!?)]/.test(text[close + 1])) add(close + 1, text.slice(start + 1, close));
    }
  }
  // Bare words joined by their spaces (a name with spaces, typed without quotes), longest first.
  const ends: number[] = [];
  for (const match of text.slice(start).matchAll(/\S(?=\s|$)/g)) ends.push(start + (match.index ?? 0) + 1);
  for (const end of ends.reverse()) add(end, text.slice(start, end));
  return candidates.filter((candidate) => looksLikePath(candidate.path) || NAME_WITH_EXTENSION.test(candidate.path) || quote === '"' || quote === "'");
}

/**
 * The file paths in a text and the text without them. `missing`: words that look like paths
 * (a media file name, or a path two levels deep) but name no file; quoted text that names no file
 * may be a title, so it is neither.
 */
export function findPaths(text: string, isFile: (path: string) => boolean): { paths: string[]; missing: string[]; rest: string } {
  const paths: string[] = [];
  const missing: string[] = [];
  let rest = '';
  let at = 0;
  while (at < text.length) {
    if (/\s/.test(text[at])) {
      rest += text[at++];
      continue;
    }
    const found = candidatesAt(text, at).find((candidate) => isFile(candidate.path));
    if (found) {
      paths.push(found.path);
      at = found.end;
      continue;
    }
    const word = shellWordAt(text, at);
    const said = word.open || /^["']/.test(text[at]) ? undefined : (fileUriPath(word.value) ?? word.value).replace(/[,;:!?)]+$/, '');
    // "/help" is a word typed as a command, not a path: only a file name or a deeper path counts.
    const isMissing = said !== undefined && looksLikePath(said) && (MEDIA_EXTENSION.test(said) || /^(?:~|\.\.?)?\/[^/]+\/|^(?:~|\.\.?)\//.test(said));
    if (isMissing) missing.push(said);
    // Past the whole escaped word when it was a path; else one plain word (an apostrophe in "don't" opens no quote).
    const end = isMissing ? word.end : text.slice(at).search(/\s|$/) + at;
    rest += text.slice(at, end);
    at = end;
  }
  return { paths, missing, rest: rest.replace(/\s+/g, ' ').trim() };
}

/**
 * The path being typed at the end of `text` (for Tab): where its word starts, what it says
 * decoded, and the quote left open, if any. Undefined after a space.
 */
export function pathBeingTyped(text: string): ShellWord | undefined {
  const last = shellWords(text).at(-1);
  return last !== undefined && last.end === text.length ? last : undefined;
}
