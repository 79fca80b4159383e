import { basename } from 'node:path';
import { MediaError, NemoError, StudioError } from '../errors.js';
import { assertNever } from '../engine/sse/chat-event.js';
import { outputDetails, qualityField } from '../media/verify-output.js';
import { keyboardWording } from '../engine/gui-phrases.js';
import { queuedWords, type Job } from '../engine/jobs.js';
import type { Engine } from '../engine/engine.js';
import type { EngineEvent } from '../engine/engine-events.js';
import type { FileResult } from '../studio/file-lifecycle.js';

/** The phases `run --json` reports ('queued': the render waits in the node's line, see renderWait). */
export type RunPhase = 'queued' | 'upload' | 'message' | 'render' | 'download';

/**
 * Whether a job's render waits in the node's line, and its place there (1 is next) when the node
 * says it; undefined otherwise. A job is 'queued' before its upload too, but has no render id then. Pure.
 */
export function renderWait(job: Pick<Job, 'status' | 'renderId' | 'place'>): { place?: number } | undefined {
  if (job.status !== 'queued' || job.renderId === undefined) return undefined;
  return job.place === undefined ? {} : { place: job.place };
}

/** A job status as the phase `run` reports, or undefined for statuses that are not a phase. Pure. */
export function phaseOf(status: Job['status']): RunPhase | undefined {
  switch (status) {
    case 'uploading':
      return 'upload';
    case 'thinking':
      return 'message';
    case 'rendering':
      return 'render';
    case 'downloading':
    case 'compressing':
      return 'download';
    case 'queued':
    case 'done':
    case 'failed':
    case 'canceled':
      return undefined;
    default:
      return assertNever(status);
  }
}

/** The `code` of a `--json` error line: Nemo's number, else the media error's kind, else a word. Pure. */
export function errorCode(error: unknown): number | string {
  if (error instanceof NemoError) return error.code;
  if (error instanceof MediaError) return error.kind;
  if (error instanceof StudioError && error.exitCode === 130) return 'canceled';
  return 'error';
}

/** How `run` prints: JSON lines or human lines; the agent's replies too with --verbose. */
export type RunOutputMode = { json: boolean; verbose: boolean };

/**
 * Prints the engine's events for `run`: with --json one object per line (progress, error; `done`
 * is printed by `printRunResults`), otherwise one human line per phase (failures on stderr), progress in 25 % steps
 * (10 % on a terminal), notices, and the agent's replies with --verbose. Returns the unsubscribe function.
 */
export function printRunEvents(engine: Engine, mode: RunOutputMode, out: RunWriter): () => void {
  const write = out.line;
  const lastShown = new Map<string, string>();
  const step = mode.json ? 0.01 : 0.25;
  const file = (jobId?: string) => {
    const input = jobId ? engine.jobs().find((job) => job.id === jobId)?.input : undefined;
    return input ? `${basename(input)}: ` : '';
  };
  return engine.subscribe((event: EngineEvent) => {
    switch (event.name) {
      case 'job:update': {
        const job = event.payload;
        const phase = phaseOf(job.status);
        if (out.status && !mode.json) out.status(statusLine(engine.jobs()));
        const wait = renderWait(job);
        if (wait) {
          // A line each time the place changes: the wait in the studio's words, or its place as data.
          const key = `queued:${wait.place ?? ''}`;
          if (lastShown.get(job.id) === key) return;
          lastShown.set(job.id, key);
          if (mode.json) write(JSON.stringify({ type: 'progress', file: job.input, phase: 'queued', ...(wait.place !== undefined ? { position: wait.place } : {}) }));
          else write(`${basename(job.input)}: ${queuedWords(wait.place)}`);
          return;
        }
        if (!phase) return;
        const fraction = Math.floor(job.fraction / step) * step;
        const key = `${phase}:${fraction.toFixed(2)}`;
        if (lastShown.get(job.id) === key) return;
        lastShown.set(job.id, key);
        if (mode.json) write(JSON.stringify({ type: 'progress', file: job.input, phase, fraction: Number(fraction.toFixed(2)) }));
        // On a terminal the percentages live in the status line; the scrolling lines name the phases.
        else if (!out.status || fraction === 0) write(`${basename(job.input)}: ${phase}${fraction > 0 ? ` ${Math.round(fraction * 100)}%` : '…'}`);
        return;
      }
      case 'error': {
        const input = event.payload.jobId ? engine.jobs().find((job) => job.id === event.payload.jobId)?.input : undefined;
        if (mode.json) write(JSON.stringify({ type: 'error', file: input ?? null, code: errorCode(event.payload.error), message: event.payload.message }));
        else out.error(`✗ ${file(event.payload.jobId)}${event.payload.message}`);
        return;
      }
      case 'auth':
        if (!mode.json && event.payload.status === 'setting-up') write('Setting up…');
        return;
      case 'notice':
        // Rare and worth hearing: a corrupt store moved aside, a local re-encode, a dropped stream.
        if (!mode.json) write(`• ${file(event.payload.jobId)}${event.payload.text}`);
        return;
      case 'message:done':
        // Indented as a block, every line of it: a plan's lines stand apart from the job lines around them.
        if (!mode.json && mode.verbose) write(`  ${[keyboardWording(event.payload.text), event.payload.note].filter(Boolean).join(' ')}`.replaceAll('\n', '\n  '));
        return;
      case 'working':
        if (!mode.json) write(`${file(event.payload.jobId)}${event.payload.text}`);
        return;
      // Progress comes whole in job:update; the rest is for interactive views.
      case 'session':
      case 'upload:progress':
      case 'upload:done':
      case 'message:delta':
      case 'state':
      case 'render:queued':
      case 'render:progress':
      case 'render:done':
      case 'download:progress':
      case 'download:done':
      case 'credits':
      case 'watch': // its notice says it in words
        return;
      default:
        assertNever(event);
    }
  });
}

/** Every unfinished job's phase and progress on one row ("a.mp4 render 40% ETA 3s · b.mov upload 80%"). Pure. */
export function statusLine(jobs: readonly Job[]): string {
  return jobs
    .flatMap((job) => {
      const wait = renderWait(job);
      if (wait) return [`${basename(job.input)} ${queuedWords(wait.place)}`];
      const phase = phaseOf(job.status);
      if (!phase) return [];
      return [`${basename(job.input)} ${phase} ${Math.round(job.fraction * 100)}%${job.etaSec !== undefined ? ` ETA ${job.etaSec}s` : ''}`];
    })
    .join(' · ');
}

/** The last line(s): `{"type":"done","results":[…]}`, or a summary per delivered file. */
export function printRunResults(results: FileResult[], mode: RunOutputMode, write: RunWriter['line']): void {
  if (mode.json) {
    write(JSON.stringify({ type: 'done', results: results.map((r) => ({ input: r.input, output: r.output, bytes: r.bytes, targetBytes: r.targetBytes ?? null, ...(r.quality ? qualityField(r.quality) : {}) })) }));
    return;
  }
  for (const r of results) {
    write(`✓ ${basename(r.input)} → ${r.output} (${outputDetails(r)})`);
  }
}

/** The last line of a run of several files: how many landed, and how many failed (each said above). Pure. */
export function batchSummary(done: number, failed: number): string {
  const total = done + failed;
  return failed === 0 ? `All ${total} files done.` : `${done} of ${total} files done; ${failed} failed (said above).`;
}

/**
 * Where `run` prints: results and progress as whole lines on stdout, failures on stderr, and on a
 * terminal one status line redrawn in place.
 */
export type RunWriter = { line: (text: string) => void; error: (text: string) => void; status?: (text: string) => void; end: () => void };

/** Lines only: pipes, files and --json. */
export function plainWriter(stream: NodeJS.WritableStream, errors: NodeJS.WritableStream = process.stderr): RunWriter {
  return { line: (text) => stream.write(`${text}\n`), error: (text) => errors.write(`${text}\n`), end: () => {} };
}

/**
 * On a terminal: lines scroll above a status line that is cleared and redrawn in place, so
 * progress of several files at once takes one row instead of flooding the screen. An error line
 * clears the status first, since stderr and stdout usually share the screen.
 */
export function terminalWriter(stream: NodeJS.WritableStream, errors: NodeJS.WritableStream = process.stderr): RunWriter {
  let status = '';
  const clear = '\r\x1b[2K';
  return {
    line: (text) => stream.write(`${clear}${text}\n${status}`),
    error: (text) => {
      stream.write(clear);
      errors.write(`${text}\n`);
      stream.write(status);
    },
    status: (text) => {
      status = text;
      stream.write(`${clear}${status}`);
    },
    end: () => {
      if (status !== '') stream.write(`${clear}`);
      status = '';
    },
  };
}

/** The writer for `run` and `watch`: the redrawn status line on a terminal, plain lines otherwise and with --json. */
export function runWriter(json: boolean): RunWriter {
  return process.stdout.isTTY && !json ? terminalWriter(process.stdout) : plainWriter(process.stdout);
}
