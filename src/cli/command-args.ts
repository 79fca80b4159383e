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
    throw new UsageError((error as Error).message);
  }
}
