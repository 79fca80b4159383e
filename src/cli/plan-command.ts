import { StudioError } from '../errors.js';

/** `compressor-studio plan`: not built yet. */
export async function planCommand(_args: string[]): Promise<number> {
  throw new StudioError('The "plan" command is not available in this build yet.', { exitCode: 2 });
}
