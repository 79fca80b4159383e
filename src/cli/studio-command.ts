import { createInterface } from 'node:readline';
import { basename, resolve } from 'node:path';
import React from 'react';
import { render } from 'ink';
import { createEngine, type Engine } from '../engine/engine.js';
import type { Job } from '../engine/jobs.js';
import { defaultStore } from '../store/conf-store.js';
import { withQuitMarks } from '../store/quit-marks.js';
import type { Store } from '../store/types.js';
import { App } from '../ui/App.js';
import { remember } from '../ui/line-editor.js';
import { themeFor } from '../ui/theme.js';
import { createStudioStore } from '../ui/use-engine.js';
import { attention, focusTracker, ringOnLongJobs } from './attention.js';
import { JOB_OPTIONS, parseCommandArgs } from './command-args.js';
import { chooseNode, type NodeChoice } from './node-choice.js';
import { printRunEvents, printRunResults, plainWriter } from './run-output.js';
import { studioActions } from './studio-actions.js';
import { enableTerminalModes } from './terminal-modes.js';

/** Redraws per second at most: progress over SSH needs no more, and more floods slow links. */
const MAX_FPS = 15;

type StudioOptions = { api?: string; outDir?: string };
type OutputChoice = { outDir: string; besideSources: boolean };

/**
 * `compressor-studio [--api URL|cloud] [-o DIR]`: the studio on a terminal; with stdin or stdout not
 * a terminal, the same engine driven by plain lines (one instruction per input line).
 */
export async function studioCommand(args: string[]): Promise<number> {
  const options = parseStudioArgs(args);
  const node = await chooseNode({ api: options.api });
  // Jobs the quit stops are kept as interrupted, not as canceled by the user.
  const settings = withQuitMarks(defaultStore());
  const engine = createEngine({ apiBase: node.apiBase, accessKey: node.accessKey, storeKey: node.storeKey, store: settings });
  // Without -o or a configured folder, an output goes beside its video (the current folder only for the rest).
  const folder = options.outDir ?? settings.settings().outputDir;
  const output: OutputChoice = { outDir: resolve(folder ?? process.cwd()), besideSources: folder === undefined };
  let interrupted = false;
  try {
    if (process.stdin.isTTY && process.stdout.isTTY && !inCi(process.env)) await runInk(engine, node, settings, output);
    else interrupted = await runPlain(engine, node, settings, output);
  } finally {
    settings.quitting();
    // A serve node (or the cloud) outlives the studio: its renders go on, and the next start re-attaches.
    const left = engine.close({ leaveRenders: node.kind !== 'embedded' });
    // Plain mode's Ctrl+C says what goes on without it, as the terminal's quit question does.
    if (interrupted && left.length > 0) process.stdout.write(`${leftLine(left)}\n`);
    await node.close();
  }
  return interrupted ? 130 : 0;
}

async function runInk(engine: Engine, node: NodeChoice, settings: Store, output: OutputChoice): Promise<void> {
  const store = createStudioStore(engine);
  void followLeftRenders(engine, node);
  let quit: () => void = () => {};
  const quitted = new Promise<void>((done) => (quit = done));
  const onSend = (text: string) => {
    store.addUserLine(text);
    settings.saveHistory(remember(settings.history(), text));
  };
  const actions = studioActions(engine, { ...output, ...keptSettings(settings), quit: () => quit(), onSend, lines: () => settings.history() });
  const focus = focusTracker();
  const props = { store, actions, theme: themeFor(process.env), nodeLabel: nodeLabel(node), history: settings.history(), pastJobs: settings.jobs(), quitStops: node.kind === 'embedded', onFocus: focus.report };
  // Bracketed paste and focus reports, off again however the studio ends (a crash included).
  const modesOff = enableTerminalModes(process.stdout);
  const app = render(React.createElement(App, props), { maxFps: MAX_FPS, exitOnCtrlC: false });
  // An export finishing in a background tab rings (not while the terminal has focus); BEL and OSC move no cursor, so Ink's frame is safe.
  const stopRinging = ringOnLongJobs(engine, attention({ stream: process.stdout, env: process.env, enabled: settings.settings().notify !== false, focused: focus.focused }));
  try {
    await Promise.race([quitted, app.waitUntilExit()]);
  } finally {
    stopRinging();
    app.unmount();
    modesOff();
    // Not awaited: the watch waits for its running files, which the engine's close cancels next.
    void actions.close();
  }
  store.close();
}

/**
 * Plain lines: one instruction per input line. At the end of input it waits for what was asked and
 * for the renders an earlier session left on the node, a ✓ or ✗ line each, then stops. Ctrl+C
 * stops at once (renders on a serve node go on); returns true then.
 */
async function runPlain(engine: Engine, node: NodeChoice, settings: Store, output: OutputChoice): Promise<boolean> {
  const mode = { json: false, verbose: true };
  const out = plainWriter(process.stdout);
  const stopPrinting = printRunEvents(engine, mode, out);
  let onInterrupt = () => {};
  const interrupted = new Promise<true>((resolve) => (onInterrupt = () => resolve(true)));
  process.once('SIGINT', onInterrupt);
  const reattached = followLeftRenders(engine, node);
  // One ✓ line per file made, with where it is, its size and its measured quality, as `run` prints.
  const stopResults = engine.subscribe((event) => {
    if (event.name !== 'job:update' || event.payload.status !== 'done') return;
    const { id, input, output, bytes, targetBytes, quality } = event.payload;
    if (output !== undefined) printRunResults([{ jobId: id, input, output, bytes: bytes ?? 0, targetBytes, quality, recompressed: false }], mode, out.line);
  });
  const actions = studioActions(engine, { ...output, ...keptSettings(settings), quit: () => {}, fresh: true });
  const input = createInterface({ input: process.stdin, terminal: false });
  void interrupted.then(() => input.close());
  try {
    for await (const line of input) {
      if (line.trim() !== '') actions.send(line.trim());
    }
    // Input ended (a pipe closed): let what was asked finish, and the renders taken up, then stop.
    return await Promise.race([interrupted, Promise.all([actions.idle(), reattached]).then(() => false)]);
  } finally {
    process.off('SIGINT', onInterrupt);
    // Not awaited: the watch waits for its running files, which the engine's close cancels next.
    void actions.close();
    stopResults();
    stopPrinting();
  }
}

/** What plain mode's Ctrl+C left running on the node, in one line. Pure. */
export function leftLine(left: readonly Pick<Job, 'input'>[]): string {
  return `Left rendering on the node: ${left.map((job) => basename(job.input)).join(', ')}. The next start picks ${left.length === 1 ? 'it' : 'them'} up.`;
}

/**
 * Takes up the jobs an earlier studio left running on this node, once the views listen: a serve
 * node's renders went on and are followed again; the embedded node's stopped with that studio.
 */
function followLeftRenders(engine: Engine, node: NodeChoice): Promise<void> {
  return engine.reattach({ leftRunning: node.kind !== 'embedded' }).catch((error: unknown) => void engine.report(error));
}

/** The settings the studio reads as it goes, and writes when a line changes them. */
function keptSettings(settings: Store): { autoExport: () => boolean; saveOutDir: (dir: string) => void; saveAutoExport: (on: boolean) => void } {
  return {
    autoExport: () => settings.settings().autoExport,
    saveOutDir: (dir) => void settings.updateSettings({ outputDir: dir }),
    saveAutoExport: (on) => void settings.updateSettings({ autoExport: on }),
  };
}

/** Ink draws nothing but the last frame under CI (as its is-in-ci check says), so CI gets plain lines. */
function inCi(env: NodeJS.ProcessEnv): boolean {
  return ['CI', 'CONTINUOUS_INTEGRATION'].some((key) => key in env && env[key] !== '0' && env[key] !== 'false');
}

function nodeLabel(node: NodeChoice): string {
  const where = node.apiBase.replace(/^https?:\/\//, '');
  return node.kind === 'embedded' ? 'local render node' : node.kind === 'attached' ? `serve node ${where}` : where;
}

function parseStudioArgs(args: string[]): StudioOptions {
  const { values } = parseCommandArgs(
    { args, options: { api: JOB_OPTIONS.api, out: JOB_OPTIONS.out, verbose: JOB_OPTIONS.verbose } },
  );
  return { api: values.api, outDir: values.out };
}
