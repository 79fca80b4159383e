import { StudioError } from '../errors.js';

/** `compressor-studio run`: not built yet. */
export async function runCommand(_args: string[]): Promise<number> {
  throw new StudioError('The "run" command is not available in this build yet.', { exitCode: 2 });
}
