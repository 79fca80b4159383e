import { spawn } from 'node:child_process';
import path from 'node:path';
import { CanceledError, MediaError } from '../errors.js';
import { chosenFfmpeg, type FfmpegTools } from './locate.js';
import { createProgressParser, type FfmpegProgress } from './progress-parser.js';

export type { FfmpegProgress } from './progress-parser.js';

/** Options for one ffmpeg run. */
export type RunFfmpegOptions = {
  signal?: AbortSignal;
  /** Called for each `-progress` block; needs `durationSec` (or `frames`) for the fraction and ETA. */
  onProgress?: (progress: FfmpegProgress) => void;
  /** Length of the output being written, seconds, so progress can say how far along it is. */
  durationSec?: number;
  /** Frames the output will hold: progress by frames, where the output's times do not count seconds (a comparison stamps its frames by number). */
  frames?: number;
  /** Which binaries to run; default: `chosenFfmpeg()`. Tests point this at stub executables. */
  tools?: FfmpegTools;
};

/** What a finished run printed. */
export type RunResult = { stdout: string; stderr: string };

const STDERR_TAIL_CHARS = 4000;

/**
 * A path as ffmpeg should see it: absolute, behind the `file:` protocol, so a file whose name
 * looks like a protocol or an option ("http:…", "concat:…", "-y") is read as the file it is.
 */
export function localFile(file: string): string {
  return `file:${path.resolve(file)}`;
}


/**
 * Runs ffmpeg with `args` (the flags after the binary name). This module is the only place in the
 * product that starts ffmpeg or ffprobe (besides locate.ts asking each build once what it is). Aborting kills the process and rejects with CanceledError;
 * a non-zero exit rejects with MediaError('failed') carrying the tail of stderr.
 */
export async function runFfmpeg(args: readonly string[], options: RunFfmpegOptions = {}): Promise<RunResult> {
  const tools = options.tools ?? chosenFfmpeg();
  const head = ['-hide_banner', '-nostdin'];
  if (options.onProgress) head.push('-progress', 'pipe:1', '-nostats');
  const parser = options.onProgress ? createProgressParser({ durationSec: options.durationSec, frames: options.frames }, options.onProgress) : undefined;
  return runProcess(tools.ffmpeg, [...head, ...args], options.signal, parser);
}

/** Runs ffprobe with `args` and returns what it printed; same error and abort rules as runFfmpeg. */
export async function runFfprobe(args: readonly string[], options: { signal?: AbortSignal; tools?: FfmpegTools } = {}): Promise<RunResult> {
  const tools = options.tools ?? chosenFfmpeg();
  return runProcess(tools.ffprobe, ['-hide_banner', ...args], options.signal, undefined);
}

function runProcess(
  binary: string,
  args: string[],
  signal: AbortSignal | undefined,
  parser: ((chunk: string) => void) | undefined,
): Promise<RunResult> {
  const name = binary.split(/[\\/]/).pop() ?? binary;
  return new Promise<RunResult>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CanceledError());
      return;
    }
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: string[] = [];
    let stderr = '';
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      finish();
    };
    // SIGKILL, not SIGTERM: ffmpeg would first finish writing a file we are about to delete anyway.
    const onAbort = () => {
      child.kill('SIGKILL');
      settle(() => reject(new CanceledError()));
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (parser ? parser(chunk) : stdout.push(chunk)));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
    });
    child.on('error', (cause) => {
      settle(() =>
        reject(
          new MediaError('not-found', `Could not start ${name} (${binary}).`, {
            hint: 'Install ffmpeg, or set COMPRESSOR_FFMPEG and COMPRESSOR_FFPROBE to working binaries.',
            cause,
          }),
        ),
      );
    });
    child.on('close', (exitStatus, exitSignal) => {
      if (exitStatus === 0) {
        settle(() => resolve({ stdout: stdout.join(''), stderr }));
        return;
      }
      const lastLine = telling(stderr);
      const why = exitSignal ? `was stopped by ${exitSignal}` : `failed (exit status ${exitStatus})`;
      settle(() =>
        reject(
          new MediaError('failed', `${name} ${why}${lastLine ? `: ${lastLine}` : '.'}`, {
            hint: 'The file may be damaged, or use something this ffmpeg cannot handle.',
            stderrTail: stderr,
            exitStatus,
            signal: exitSignal,
          }),
        ),
      );
    });
  });
}

/** ffmpeg ends most failures with a generic line; the one before it says what went wrong. */
function telling(stderr: string): string | undefined {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const generic = /^(Conversion failed!|Error while processing the decoded data|Exiting normally)/;
  return [...lines].reverse().find((l) => !generic.test(l)) ?? lines.at(-1);
}
