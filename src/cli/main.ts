import { debugDetails, describeError, StudioError } from '../errors.js';

/** A subcommand: takes its own arguments, returns the exit code. */
type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  config: async () => (await import('./config-command.js')).configCommand,
  plan: async () => (await import('./plan-command.js')).planCommand,
  run: async () => (await import('./run-command.js')).runCommand,
  serve: async () => (await import('./serve-command.js')).serveCommand,
  studio: async () => (await import('./studio-command.js')).studioCommand,
  watch: async () => (await import('./watch-command.js')).watchCommand,
};

export const USAGE = `compressor-studio — compress and export videos by plain-language instruction

Usage:
  compressor-studio                                   the studio (on a terminal)
  compressor-studio run FILE... [-g TEXT] [-o DIR] [--api URL|cloud] [--json]
  compressor-studio watch DIR [-g TEXT] [-o DIR] [--existing] [--api URL|cloud] [--json]
  compressor-studio serve [--host H] [--port P] [--data DIR] [--credits N] [--access-key K]
  compressor-studio plan TEXT [--json]

Examples:
  compressor-studio run vlog.mov -g "compress this video to under 100MB without losing quality"
  compressor-studio plan "make it fit discord"
`;

/** Dispatches argv to a subcommand; every error becomes one line on stderr and an exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    const { packageVersion } = await import('../version.js');
    process.stdout.write(`${packageVersion}\n`);
    return 0;
  }
  const load = name === undefined || name.startsWith('-') ? commands.studio : commands[name];
  if (!load) {
    process.stderr.write(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    const command = await load();
    return await command(name === undefined || name.startsWith('-') ? argv : rest);
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    if (process.env.COMPRESSOR_DEBUG === '1' || argv.includes('--verbose')) process.stderr.write(debugDetails(error));
    return error instanceof StudioError ? error.exitCode : 1;
  }
}
