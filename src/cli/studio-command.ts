import { StudioError } from '../errors.js';

/** `compressor-studio studio`: not built yet. */
export async function studioCommand(_args: string[]): Promise<number> {
  throw new StudioError('The "studio" command is not available in this build yet.', { exitCode: 2 });
}
