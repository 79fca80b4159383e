import { describedKeys } from '../ui/bindings.js';
import { COMMANDS, commandSpec, ENVIRONMENT, HELP_OPTION, type CommandSpec, type OptionSpec } from './command-specs.js';

const BIN = 'compressor-studio';

/** Exit codes every command shares; each command's help adds its own meanings. */
const EXIT_CODES: readonly (readonly [number, string])[] = [
  [0, 'success'],
  [1, 'something failed; one sentence on stderr says what and what to do'],
  [2, 'a usage error (unknown command or option, a missing argument)'],
  [130, 'interrupted (Ctrl+C)'],
];

/** `--goal TEXT` / `-g, --goal TEXT`, as the option tables show it. Pure. */
function optionLabel(option: OptionSpec): string {
  const long = option.value ? `${option.long} ${option.value}` : option.long;
  return option.short ? `${option.short}, ${long}` : `    ${long}`;
}

/** The usage line's short form of an option: `[-g TEXT]`, `[--json]`. Pure. */
function optionUsage(option: OptionSpec): string {
  const flag = option.short ?? option.long;
  return `[${option.value ? `${flag} ${option.value}` : flag}]`;
}

/** Rows of two columns, the first padded to the widest. Pure. */
function table(rows: readonly (readonly [string, string])[], indent = '  '): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`).join('\n');
}

/** The usage line of a command, e.g. `Usage: compressor-studio run FILE... [-g TEXT] …`. Pure. */
export function usageLine(name: string): string {
  const spec = commandSpec(name);
  if (!spec) throw new Error(`no command spec for ${name}`);
  const words = [BIN, spec.name === 'studio' ? '[studio]' : spec.name, spec.args?.usage, ...spec.options.map(optionUsage)];
  return `Usage: ${words.filter(Boolean).join(' ')}`;
}

/** `COMMAND --help`: usage, description, options, examples and exit codes of one command. Pure. */
export function commandHelp(spec: CommandSpec): string {
  const sections = [`${usageLine(spec.name)}\n\n${spec.summary[0].toUpperCase()}${spec.summary.slice(1)}. ${spec.description}`];
  sections.push(`Options:\n${table([...spec.options, HELP_OPTION].map((option) => [optionLabel(option), option.text]))}`);
  if (spec.name === 'studio') sections.push(`Keys:\n${table(describedKeys())}`);
  sections.push(`Examples:\n${spec.examples.map((example) => `  ${example}`).join('\n')}`);
  sections.push(`Exit codes:\n${table(spec.exitCodes.map(([code, meaning]) => [String(code), meaning]))}`);
  return `${sections.join('\n\n')}\n`;
}

/** `--help` with no command: every command, the shared options, settings, keys, environment and exit codes. Pure. */
export function generalHelp(): string {
  const commands = COMMANDS.map((spec): [string, string] => [spec.name === 'studio' ? '(none), studio' : [spec.name, spec.args?.usage].filter(Boolean).join(' '), spec.summary]);
  return [
    `${BIN} — compress and export videos by plain-language instruction`,
    `Usage:\n  ${BIN} [COMMAND] [OPTIONS]\n  ${BIN} COMMAND --help     a command's options, examples and exit codes`,
    `Commands:\n${table(commands)}`,
    `Options of every command:\n${table([
      [optionLabel(HELP_OPTION), 'help of the command'],
      ['    --verbose', "on failure, the details: the stack and ffmpeg's own words (also COMPRESSOR_DEBUG=1)"],
      ['-v, --version', 'the version (as the only argument)'],
    ])}`,
    `Examples:\n${['compressor-studio run vlog.mov -g "compress this video to under 100MB without losing quality"', 'compressor-studio plan "make it fit discord"', 'compressor-studio watch ~/Drop -g "under 25MB"'].map((line) => `  ${line}`).join('\n')}`,
    `Settings:\n  ${BIN} config shows and changes the defaults (output folder, instruction, auto-export, and\n  --notify: a notification or bell when a long job ends); flags override them for one run.`,
    `Keys in the studio:\n${table(describedKeys())}`,
    `Environment:\n${table(ENVIRONMENT)}`,
    `Exit codes:\n${table(EXIT_CODES.map(([code, meaning]) => [String(code), meaning]))}`,
  ].join('\n\n') + '\n';
}
