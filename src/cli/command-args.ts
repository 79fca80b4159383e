import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

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
