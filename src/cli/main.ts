import { describeError, MediaError, StudioError } from '../errors.js';

/** A subcommand: takes its own arguments, returns the exit code. */
type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  config: async () => (await import('./config-command.js')).configCommand,
  plan: async () => (await import('./plan-command.js')).planCommand,
  run: async () => (await import('./run-command.js')).runCommand,
  serve: async () => (await import('./serve-command.js')).serveCommand,
  studio: async () => (await import('./studio-command.js')).studioCommand,
  watch: async () => (await import('./watch-command.js')).watchCommand,
  worker: async () => (await import('./worker-command.js')).workerCommand,
};

export const USAGE = `compressor-studio — compress and export videos by plain-language instruction

Usage:
  compressor-studio                                   the studio (on a terminal)
  compressor-studio run FILE... [-g TEXT] [-o DIR] [--api URL|cloud] [--json]
  compressor-studio watch DIR [-g TEXT] [-o DIR] [--existing] [--api URL|cloud] [--json]
  compressor-studio serve [--host H] [--port P] [--data DIR] [--credits N] [--access-key K]
                          [--queue redis://HOST:PORT[/DB] [--local-workers N] [--worker-key K]]
  compressor-studio worker --queue redis://HOST:PORT[/DB] --node URL --access-key KEY [--concurrency N]
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

/** What the one-line message leaves out, for --verbose and COMPRESSOR_DEBUG=1. */
function debugDetails(error: unknown): string {
  const lines = [error instanceof Error ? (error.stack ?? error.message) : String(error)];
  if (error instanceof MediaError && error.stderrTail) lines.push('ffmpeg said:', error.stderrTail);
  if (error instanceof Error && error.cause) lines.push('caused by:', error.cause instanceof Error ? (error.cause.stack ?? error.cause.message) : String(error.cause));
  return `${lines.join('\n')}\n`;
}
