import { parseArgs, type ParseArgsConfig } from 'node:util';
import { StudioError } from '../errors.js';

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
export function parseCommandArgs<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw usageError((error as Error).message, usage);
  }
}

/** A usage error: the sentence, the usage line as the hint, exit code 2. */
export function usageError(message: string, usage: string): StudioError {
  return new StudioError(message, { hint: usage, exitCode: 2 });
}
