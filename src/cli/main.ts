import { debugDetails, describeError, StudioError, UsageError } from '../errors.js';

/** A subcommand: takes its own arguments, returns the exit code. */
type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  completion: async () => (await import('./completion.js')).completionCommand,
  config: async () => (await import('./config-command.js')).configCommand,
  doctor: async () => (await import('./doctor-command.js')).doctorCommand,
  help: async () => helpCommand,
  plan: async () => (await import('./plan-command.js')).planCommand,
  run: async () => (await import('./run-command.js')).runCommand,
  serve: async () => (await import('./serve-command.js')).serveCommand,
  studio: async () => (await import('./studio-command.js')).studioCommand,
  watch: async () => (await import('./watch-command.js')).watchCommand,
  worker: async () => (await import('./worker-command.js')).workerCommand,
};

/** Dispatches argv to a subcommand; every error becomes one line on stderr and an exit code. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h') return helpCommand([]);
  if ((first === '--version' || first === '-v') && rest.length === 0) {
    const { packageVersion } = await import('../version.js');
    process.stdout.write(`${packageVersion}\n`);
    return 0;
  }
  // No command, or options first: the studio, which takes the whole argv.
  const [name, args] = first === undefined || first.startsWith('-') ? ['studio', argv] : [first, rest];
  const load = commands[name];
  if (!load) {
    process.stderr.write(`Unknown command "${name}".\nCommands: ${Object.keys(commands).join(', ')}. Run "compressor-studio --help" for more.\n`);
    return 2;
  }
  if (asksForHelp(args)) return helpCommand([name]);
  try {
    const command = await load();
    return await command(args);
  } catch (error) {
    // A usage error is followed by the command's usage line, rendered only now that it is needed.
    const usage = error instanceof UsageError ? ` ${(await import('./help.js')).usageLine(name)}` : '';
    process.stderr.write(`${describeError(error)}${usage}\n`);
    if (process.env.COMPRESSOR_DEBUG === '1' || argv.includes('--verbose')) process.stderr.write(debugDetails(error));
    return error instanceof StudioError ? error.exitCode : 1;
  }
}

/** `--help` or `-h` among a command's arguments (not after `--`, where it would be a file name). Pure. */
export function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/** `help [COMMAND]`: the general help, or one command's, on stdout; an unknown command is a usage error. */
async function helpCommand(args: string[]): Promise<number> {
  const { commandHelp, generalHelp } = await import('./help.js');
  const { commandSpec } = await import('./command-specs.js');
  if (args.length === 0) {
    process.stdout.write(generalHelp());
    return 0;
  }
  const spec = commandSpec(args[0]);
  if (!spec || args.length > 1) {
    process.stderr.write(`No help for "${args.join(' ')}": not a command.\nRun "compressor-studio --help" for the list.\n`);
    return 2;
  }
  process.stdout.write(commandHelp(spec));
  return 0;
}
