import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';
import { parseInstruction } from '../goal/parse-instruction.js';
import { remarkText } from '../goal/remark-words.js';

/** The goal when `-g` is absent (high quality, 1080p cap). */
export const DEFAULT_GOAL_TEXT = 'compress this video';

/** The flags every command that compresses files takes. */
export const JOB_OPTIONS = {
  goal: { type: 'string', short: 'g' },
  out: { type: 'string', short: 'o' },
  api: { type: 'string' },
  json: { type: 'boolean', default: false },
  /** More detail: the agent's replies, and on failure the stack and ffmpeg's own words (main.ts). */
  verbose: { type: 'boolean', default: false },
} as const;

/** node:util's parseArgs, with anything wrong turned into a usage error (exit 2) that says what. */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(argumentProblem(error));
  }
}

/**
 * parseArgs's complaint in our words: its own messages are Node's (quoting, advice about '--' that
 * reads as noise here), so only the code and the argument it names are taken from it. Pure.
 */
export function argumentProblem(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const named = /'([^']+)'/.exec(message ?? '')?.[1];
  const words = named?.split(/[\s,]+/) ?? [];
  const option = words.find((word) => word.startsWith('--')) ?? words.find((word) => word.startsWith('-'));
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return named ? `Unknown option ${named}.` : 'Unknown option.';
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take/.test(message ?? '') ? `${option ?? 'That option'} takes no value.` : `${option ?? 'An option'} needs a value.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return named ? `Unexpected argument ${named}.` : 'Unexpected argument.';
    default:
      return 'The arguments could not be read.';
  }
}

/**
 * The instruction a job command follows, checked before any work. One that says nothing about the
 * video ("asdf", "credits"), or asks for an edit this tool does not make ("rotate 90 degrees"), is a
 * usage error: the files would otherwise be compressed in a way the user never chose. `source`
 * names where it came from ('-g', 'The default instruction'). Returns the words the parser left
 * out, for one line of warning.
 */
export function checkInstruction(text: string, source: string): { leftOut: string[] } {
  const parsed = parseInstruction(text);
  const example = 'e.g. "under 10MB", "720p" or "without losing quality"';
  if (parsed.intent === 'unknown') throw new UsageError(`${source} "${text}" says nothing I understand about the video: say how to compress it, ${example}.`);
  if (parsed.intent === 'credits' || parsed.intent === 'status' || parsed.intent === 'help') {
    throw new UsageError(`${source} "${text}" asks for ${parsed.intent}, not how to compress: say how, ${example}.`);
  }
  // Asked for an edit this tool does not make: compressing without it would not be what was asked.
  const notOffered = parsed.ambiguities.find((remark) => remark.code === 'edit-not-offered');
  if (notOffered) throw new UsageError(`${source} "${text}": ${remarkText(notOffered, 'en')}`);
  return { leftOut: parsed.unknown };
}

/** A folder given for outputs (-o) that exists as something else is said before any work, not after a render. */
export function checkOutputFolder(path: string | undefined, source: string): void {
  if (path === undefined) return;
  const info = statSync(path, { throwIfNoEntry: false });
  if (info && !info.isDirectory()) throw new UsageError(`${source} ${path} is a file, not a folder: give a folder for the outputs.`);
}

/** The instruction a job command follows (-g, else the stored default, else DEFAULT_GOAL_TEXT), checked before any work. */
export function jobGoal(flag: string | undefined, stored: string | undefined): { text: string; leftOut: string[] } {
  const [text, source] = flag !== undefined ? [flag, '-g'] : stored !== undefined ? [stored, 'The default instruction (see: compressor-studio config)'] : [DEFAULT_GOAL_TEXT, 'The default instruction'];
  return { text, ...checkInstruction(text, source) };
}

/** The output folder a job command writes to (-o, else the stored one), resolved and checked; undefined: beside each input. */
export function jobOutDir(flag: string | undefined, stored: string | undefined, cwd: string): string | undefined {
  const folder = flag ?? stored;
  if (folder === undefined) return undefined;
  const path = resolve(cwd, folder);
  checkOutputFolder(path, flag !== undefined ? '-o' : 'The output folder (see: compressor-studio config)');
  return path;
}

/** The warning for words of an instruction the parser left out: the rest is followed. */
export function notUnderstood(words: string[]): string {
  return `Not understood, left out of the instruction: ${words.join(', ')}.`;
}
