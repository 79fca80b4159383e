import { StudioError } from '../errors.js';

/** `compressor-studio serve`: not built yet. */
export async function serveCommand(_args: string[]): Promise<number> {
  throw new StudioError('The "serve" command is not available in this build yet.', { exitCode: 2 });
}
