// Every command, its arguments, options, examples and exit codes, as data: the general help, each
// `COMMAND --help`, the usage line of a usage error and the shell completion scripts are all
// generated from this one table, so they cannot drift apart.

/** What a shell should offer for a value: file paths, folder paths, one of some words, or nothing. */
export type Completion = 'file' | 'dir' | 'none' | readonly string[];

/** One option: `--long` (and `-s`), the name of its value if it takes one, and one line of help. */
export type OptionSpec = { long: string; short?: string; value?: string; complete?: Completion; text: string };

/** One command of the CLI. */
export type CommandSpec = {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The arguments after the options in the usage line, e.g. 'FILE...'. */
  args?: { usage: string; complete: Completion };
  options: readonly OptionSpec[];
  /** A few sentences: what it does, where results go. */
  description: string;
  examples: readonly string[];
  exitCodes: readonly (readonly [code: number, meaning: string])[];
};

const goal: OptionSpec = { long: '--goal', short: '-g', value: 'TEXT', complete: 'none', text: 'the instruction, e.g. "under 25MB" (default: config --goal, else "compress this video")' };
/** -o, with where outputs go without it (each command has its own default). */
const out = (otherwise: string): OptionSpec => ({ long: '--out', short: '-o', value: 'DIR', complete: 'dir', text: `where outputs go (default: ${otherwise})` });
const api: OptionSpec = { long: '--api', value: 'URL|cloud', complete: ['cloud'], text: 'the render node to use (default: NEMO_API_BASE, else your serve node, else one embedded)' };
const json: OptionSpec = { long: '--json', text: 'one JSON object per line on stdout, errors included (for scripts)' };
const verbose: OptionSpec = { long: '--verbose', text: "more detail: the agent's replies; on failure the stack and ffmpeg's own words" };
/** Every command takes it; `main` answers it before the command runs. */
export const HELP_OPTION: OptionSpec = { long: '--help', short: '-h', text: 'this help' };

/** The commands, in the order the general help lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'studio',
    summary: 'the interactive studio (the default when no command is given)',
    options: [out('config --out, else beside each video'), api, verbose],
    description:
      'Type the path of a video (or several), then say what you want: "under 25MB", "720p", "first 30 seconds", ' +
      '"convert to webm", "export". The timeline is kept between runs. When stdin or stdout is not a terminal it ' +
      'reads one instruction per line and prints plain lines.',
    examples: ['compressor-studio', 'compressor-studio -o ~/Videos/small', 'echo "~/in.mov under 10MB" | compressor-studio'],
    exitCodes: [[0, 'quit'], [1, 'the render node could not be reached or started'], [2, 'a usage error']],
  },
  {
    name: 'run',
    summary: 'compress files without the studio',
    args: { usage: 'FILE...', complete: 'file' },
    options: [goal, out('config --out, else beside each input'), api, json, verbose, { long: '--preview', text: "then a few frames of each output beside the source's, drawn in the terminal (not with --json)" }],
    description:
      'Each file goes through upload, plan, render and download; up to three at once. Progress and results go to ' +
      'stdout; a file that fails is reported on stderr and the others still finish. Outputs never overwrite ' +
      'anything (name (2).mp4) and the original is never touched. With --preview the frames are kitty graphics ' +
      'or sixels where the terminal speaks them, else 24-bit colour half-blocks (over SSH and in tmux too); NO_COLOR skips them.',
    examples: ['compressor-studio run vlog.mov -g "under 100MB without losing quality"', 'compressor-studio run *.mp4 -g "fit discord" -o small/', 'compressor-studio run clip.mp4 -g "compress to 25%" --preview', 'compressor-studio run clip.mp4 --json | jq .'],
    exitCodes: [[0, 'every file was delivered'], [1, 'any file failed (the others still finished)'], [2, 'a usage error, or a -g that says nothing it can do ("asdf", "rotate it"), said before any work']],
  },
  {
    name: 'watch',
    summary: 'compress every video dropped into a folder',
    args: { usage: 'DIR', complete: 'dir' },
    options: [goal, out('DIR/compressed'), { long: '--existing', text: 'also compress the videos already in DIR' }, api, json, verbose],
    description: 'Watches DIR until Ctrl+C; each new video is compressed once it has finished copying. Outputs go to DIR/compressed unless -o says otherwise.',
    examples: ['compressor-studio watch ~/Drop -g "under 25MB"', 'compressor-studio watch ~/Drop --existing -o ~/Out'],
    exitCodes: [[0, 'stopped with Ctrl+C'], [1, 'DIR is missing or not a folder, or the render node could not start'], [2, 'a usage error']],
  },
  {
    name: 'serve',
    summary: 'run the render node for the studio, run, watch and other machines',
    options: [
      { long: '--host', value: 'HOST', complete: ['127.0.0.1', '0.0.0.0'], text: 'the address to listen on (default 127.0.0.1)' },
      { long: '--port', value: 'PORT', complete: 'none', text: 'the port (default 8787; 0 picks a free one)' },
      { long: '--data', value: 'DIR', complete: 'dir', text: 'where uploads, renders and sessions live (default: the data folder)' },
      { long: '--credits', value: 'N', complete: 'none', text: 'credits a new session starts with' },
      { long: '--access-key', value: 'KEY', complete: 'none', text: 'the key clients must send as X-Access-Key (default: a new random one)' },
      { long: '--queue', value: 'redis://HOST:PORT[/DB]', complete: 'none', text: 'hand renders to workers through this Redis (see: worker)' },
      { long: '--local-workers', value: 'N', complete: 'none', text: 'with --queue: renders this node runs itself (default 1; 0 only coordinates)' },
      { long: '--worker-key', value: 'KEY', complete: 'none', text: 'with --queue: the key workers must send (default: a new random one)' },
    ],
    description:
      'A Nemo-compatible API. Runs until Ctrl+C or SIGTERM; running renders go back to the queue and resume on the ' +
      'next start. Leaves its address and access key in a file only you can read, so your own studio, run and ' +
      'watch attach to it (renders then survive a dropped SSH session).',
    examples: ['compressor-studio serve', 'compressor-studio serve --host 0.0.0.0 --port 9000 --access-key "$KEY"'],
    exitCodes: [[0, 'stopped by Ctrl+C or SIGTERM'], [1, 'could not start (the port is taken, the data folder is locked)'], [2, 'a usage error']],
  },
  {
    name: 'worker',
    summary: "render a serve --queue node's jobs on this machine",
    options: [
      { long: '--queue', value: 'redis://HOST:PORT[/DB]', complete: 'none', text: "the node's Redis" },
      { long: '--node', value: 'URL', complete: 'none', text: "the node's address, e.g. http://127.0.0.1:8787" },
      { long: '--access-key', value: 'KEY', complete: 'none', text: "the node's worker key (or COMPRESSOR_WORKER_KEY)" },
      { long: '--concurrency', value: 'N', complete: 'none', text: 'renders at once (default 1)' },
      { long: '--stall-seconds', value: 'S', complete: 'none', text: 'how long a silent render may stall before another worker takes it (default 30)' },
    ],
    description:
      'Takes render jobs from the queue, fetches their inputs from the node, renders them here and sends the ' +
      'outputs back; clients see no difference. Runs until Ctrl+C or SIGTERM; running jobs go back to the queue.',
    examples: ['compressor-studio worker --queue redis://10.0.0.5:6379 --node http://10.0.0.5:8787 --access-key "$WORKER_KEY"'],
    exitCodes: [[0, 'stopped by Ctrl+C or SIGTERM'], [1, 'could not start'], [2, 'a usage error']],
  },
  {
    name: 'plan',
    summary: 'say what an instruction will do, without doing it',
    args: { usage: 'TEXT...', complete: 'none' },
    options: [{ long: '--json', text: 'one line: {"intent","goal","summary"} (and "unknown", "ambiguities")' }],
    description: 'Reads the instruction as the studio would and prints the plan: target size, resolution, codec, audio, quality.',
    examples: ['compressor-studio plan "make it fit discord"', 'compressor-studio plan under 10MB 720p --json'],
    exitCodes: [[0, 'planned'], [2, 'no instruction, or a usage error']],
  },
  {
    name: 'config',
    summary: 'show or change the defaults run, watch and the studio use',
    options: [
      { long: '--out', short: '-o', value: 'DIR', complete: 'dir', text: 'the default output folder' },
      { long: '--goal', short: '-g', value: 'TEXT', complete: 'none', text: 'the default instruction' },
      { long: '--auto-export', value: 'on|off', complete: ['on', 'off'], text: 'export as soon as a plan is ready' },
      { long: '--notify', value: 'on|off', complete: ['on', 'off'], text: 'ring the terminal when a job of 10 s or more ends (default on; terminals only)' },
      { long: '--reset', text: 'back to the built-in defaults' },
    ],
    description: 'Without options, prints the settings. They live in the config folder (COMPRESSOR_CONFIG_DIR).',
    examples: ['compressor-studio config', 'compressor-studio config --out ~/Videos/small --goal "under 25MB"', 'compressor-studio config --reset'],
    exitCodes: [[0, 'shown or changed'], [1, 'the settings could not be written'], [2, 'a usage error']],
  },
  {
    name: 'doctor',
    summary: 'which ffmpeg is used and why, what it can do, the folders and the render node',
    options: [{ long: '--json', text: 'the same as one JSON object' }],
    description:
      'Reports the ffmpeg and ffprobe in use and why (COMPRESSOR_FFMPEG, else the one on PATH when it is newer than the ' +
      'bundled build and has libx264, else the bundled build), their versions, the encoders, whether VMAF is there, ' +
      'the hardware encoders that passed a test encode, the folders, and the render node a run would use. Starts nothing.',
    examples: ['compressor-studio doctor', 'compressor-studio doctor --json | jq .ffmpeg'],
    exitCodes: [[0, 'reported'], [1, 'no ffmpeg could be found or run'], [2, 'a usage error']],
  },
  {
    name: 'completion',
    summary: 'print a shell completion script',
    args: { usage: 'bash|zsh|fish', complete: ['bash', 'zsh', 'fish'] },
    options: [],
    description: 'Completes commands, options, their values and file paths. Install it once:',
    examples: [
      'compressor-studio completion bash > ~/.local/share/bash-completion/completions/compressor-studio',
      'compressor-studio completion zsh > "${fpath[1]}/_compressor-studio"',
      'compressor-studio completion fish > ~/.config/fish/completions/compressor-studio.fish',
    ],
    exitCodes: [[0, 'printed'], [2, 'no shell or an unknown one']],
  },
  {
    name: 'help',
    summary: 'this help, or the help of one command',
    args: { usage: '[COMMAND]', complete: 'none' },
    options: [],
    description: 'The same as COMMAND --help.',
    examples: ['compressor-studio help run'],
    exitCodes: [[0, 'printed'], [2, 'an unknown command']],
  },
];

/** The command named `name`, if there is one. */
export function commandSpec(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}

/** Environment variables the program reads, for the general help. */
export const ENVIRONMENT: readonly (readonly [name: string, meaning: string])[] = [
  ['NEMO_API_BASE', 'the render node to use, as --api'],
  ['NEMO_TOKEN', 'the bearer token for that node (default: one made and kept for you)'],
  ['NEMO_ACCESS_KEY', "that node's access key (default: the key in your own serve's node file)"],
  ['COMPRESSOR_FFMPEG, COMPRESSOR_FFPROBE', 'the ffmpeg and ffprobe to run (see: doctor)'],
  ['COMPRESSOR_CONFIG_DIR', 'settings, tokens and job history'],
  ['COMPRESSOR_DATA_DIR', "the render node's uploads, renders and sessions"],
  ['COMPRESSOR_RUNTIME_DIR', "where a running serve leaves its address and key"],
  ['COMPRESSOR_WORKER_KEY', "a worker's key for the node, as worker --access-key"],
  ['COMPRESSOR_FONT', 'the .ttf file titles are drawn with'],
  ['COMPRESSOR_DEBUG=1', 'details of any error on stderr, as --verbose'],
  ['NO_COLOR', 'no colour in the studio, and no pictures from run --preview'],
];
