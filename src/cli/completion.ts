import { UsageError } from '../errors.js';
import { COMMANDS, HELP_OPTION, type CommandSpec, type Completion, type OptionSpec } from './command-specs.js';

// Shell completion scripts, generated from the command table (command-specs.ts) so a new command
// or option completes without anyone remembering to edit three shell dialects.

const BIN = 'compressor-studio';
const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

/** `compressor-studio completion bash|zsh|fish`: prints the script for that shell on stdout. */
export async function completionCommand(args: string[]): Promise<number> {
  const shell = args[0];
  if (args.length !== 1 || !SHELLS.includes(shell as Shell)) {
    throw new UsageError(shell === undefined ? 'Name a shell: bash, zsh or fish.' : `No completion for "${args.join(' ')}": the shells are bash, zsh and fish.`);
  }
  process.stdout.write(completionScript(shell as Shell));
  return 0;
}

/** The completion script for `shell`. Pure. */
export function completionScript(shell: Shell): string {
  switch (shell) {
    case 'bash':
      return bashScript();
    case 'zsh':
      return zshScript();
    case 'fish':
      return fishScript();
  }
}

const optionsOf = (spec: CommandSpec): OptionSpec[] => [...spec.options, HELP_OPTION];
const flagsOf = (option: OptionSpec): string[] => [option.long, ...(option.short ? [option.short] : [])];
const names = COMMANDS.map((spec) => spec.name);

/** Words for `compgen -W`, one a line: the script reads with IFS set to a newline so file names may hold spaces. */
function bashList(words: readonly string[]): string {
  return `$'${words.join('\\n')}'`;
}

function bashWords(complete: Completion): string {
  if (complete === 'file') return 'COMPREPLY=($(compgen -f -- "$cur"))';
  if (complete === 'dir') return 'COMPREPLY=($(compgen -d -- "$cur"))';
  if (complete === 'none') return 'COMPREPLY=()';
  return `COMPREPLY=($(compgen -W ${bashList(complete)} -- "$cur"))`;
}

function bashScript(): string {
  const values = COMMANDS.flatMap((spec) =>
    optionsOf(spec)
      .filter((option) => option.value)
      .map((option) => `    ${spec.name}:${flagsOf(option).join(`|${spec.name}:`)}) ${bashWords(option.complete ?? 'none')}; return 0 ;;`),
  );
  const optionWords = COMMANDS.map((spec) => `      ${spec.name}) COMPREPLY=($(compgen -W ${bashList(optionsOf(spec).flatMap(flagsOf))} -- "$cur")) ;;`);
  const argWords = COMMANDS.map((spec) => `    ${spec.name}) ${spec.name === 'help' ? bashWords(names) : bashWords(spec.args?.complete ?? 'none')} ;;`);
  return `# ${BIN} completion for bash. Install: ${BIN} completion bash > ~/.local/share/bash-completion/completions/${BIN}
_compressor_studio() {
  local IFS=$'\\n' cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd=studio i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${names.join('|')}) cmd="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$cmd:$prev" in
${values.join('\n')}
  esac
  if [[ "$cur" == -* ]]; then
    case "$cmd" in
${optionWords.join('\n')}
    esac
    return 0
  fi
  if [[ $cmd == studio && $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W ${bashList(names)} -- "$cur")); return 0
  fi
  case "$cmd" in
${argWords.join('\n')}
  esac
}
complete -o filenames -F _compressor_studio ${BIN}
`;
}

/** Text inside a zsh `_arguments` spec: no brackets or colons of its own, quotes closed and reopened. */
function zshText(text: string): string {
  return text.replace(/\[/g, '(').replace(/\]/g, ')').replace(/:/g, '\\:').replace(/'/g, `'\\''`);
}

function zshAction(complete: Completion): string {
  if (complete === 'file') return '_files';
  if (complete === 'dir') return '_files -/';
  if (complete === 'none') return ' ';
  return `(${complete.join(' ')})`;
}

function zshArguments(spec: CommandSpec): string {
  const specs = optionsOf(spec).flatMap((option) =>
    flagsOf(option).map((flag) => `'${flag}[${zshText(option.text)}]${option.value ? `:${zshText(option.value)}:${zshAction(option.complete ?? 'none')}` : ''}'`),
  );
  const args = spec.name === 'help' ? names : spec.args?.complete;
  if (args) specs.push(`'${spec.args?.usage.endsWith('...') ? '*' : ''}:${zshText(spec.args?.usage ?? 'COMMAND')}:${zshAction(args)}'`);
  return `    ${spec.name}) _arguments -s \\\n      ${specs.join(' \\\n      ')} ;;`;
}

function zshScript(): string {
  const described = COMMANDS.map((spec) => `    '${spec.name}:${zshText(spec.summary)}'`);
  return `#compdef ${BIN}
# ${BIN} completion for zsh. Install: ${BIN} completion zsh > "\${fpath[1]}/_${BIN}"
_compressor_studio() {
  local -a commands
  commands=(
${described.join('\n')}
  )
  if (( CURRENT == 2 )) && [[ $PREFIX != -* ]]; then
    _describe -t commands command commands
    return
  fi
  local cmd=studio
  if [[ $words[2] != -* ]]; then
    cmd=$words[2]
    shift words
    (( CURRENT-- ))
  fi
  case $cmd in
${COMMANDS.map(zshArguments).join('\n')}
  esac
}
if [[ "\${funcstack[1]}" == _${BIN} ]]; then
  _compressor_studio "$@"
else
  compdef _compressor_studio ${BIN}
fi
`;
}

function fishText(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function fishValue(complete: Completion): string {
  if (complete === 'file') return '-r -F';
  if (complete === 'dir') return "-x -a '(__fish_complete_directories)'";
  if (complete === 'none') return '-x';
  return `-x -a ${fishText(complete.join(' '))}`;
}

function fishScript(): string {
  const lines = [`# ${BIN} completion for fish. Install: ${BIN} completion fish > ~/.config/fish/completions/${BIN}.fish`, `complete -c ${BIN} -f`];
  lines.push(`complete -c ${BIN} -n __fish_use_subcommand -s v -l version -d 'the version'`);
  for (const spec of COMMANDS) {
    // The studio's options come with no command before them.
    const when = spec.name === 'studio' ? '__fish_use_subcommand' : `'__fish_seen_subcommand_from ${spec.name}'`;
    lines.push(`complete -c ${BIN} -n __fish_use_subcommand -a ${spec.name} -d ${fishText(spec.summary)}`);
    for (const option of optionsOf(spec)) {
      const flags = [`-l ${option.long.slice(2)}`, ...(option.short ? [`-s ${option.short.slice(1)}`] : [])].join(' ');
      lines.push(`complete -c ${BIN} -n ${when} ${flags} ${option.value ? fishValue(option.complete ?? 'none') : ''} -d ${fishText(option.text)}`.replace(/  +/g, ' '));
    }
    const args = spec.name === 'help' ? names : spec.args?.complete;
    if (args && args !== 'none') lines.push(`complete -c ${BIN} -n ${when} ${args === 'file' ? '-F' : fishValue(args).replace(/^-x /, '')}`);
  }
  return `${lines.join('\n')}\n`;
}
