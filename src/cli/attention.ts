import { basename } from 'node:path';
import type { Engine } from '../engine/engine.js';
import type { EngineEvent } from '../engine/engine-events.js';

/** A job shorter than this finishes while the user is still looking: no ring. */
export const LONG_JOB_MS = 10_000;

/**
 * The bytes that ask this terminal for the user's attention: a desktop notification where the
 * terminal has one (OSC 9: iTerm2, WezTerm, Ghostty, Windows Terminal, ConEmu; OSC 777: foot,
 * urxvt), else BEL, which every terminal turns into a bell or a marked tab. Inside tmux or screen
 * only BEL passes without extra setup. Pure.
 */
export function attentionSequence(env: NodeJS.ProcessEnv, text: string): string {
  // Control characters would end the sequence early; ';' separates OSC 777's fields.
  const clean = text.replace(/[\x00-\x1f\x7f;]/g, ' ');
  if (env.TMUX || env.STY || env.TERM?.startsWith('screen')) return '\x07';
  if (['iTerm.app', 'WezTerm', 'ghostty'].includes(env.TERM_PROGRAM ?? '') || env.WT_SESSION || env.ConEmuANSI === 'ON') return `\x1b]9;${clean}\x07`;
  if (env.TERM?.startsWith('foot') || env.TERM?.startsWith('rxvt-unicode')) return `\x1b]777;notify;compressor-studio;${clean}\x07`;
  return '\x07';
}

/**
 * Where and whether to ring: a terminal only, and only when the setting is not off. `focused`:
 * whether the terminal's window has the user now, as its focus reports say (undefined while it
 * has reported nothing: a terminal without focus reporting).
 */
export type AttentionOptions = { stream: NodeJS.WriteStream; env: NodeJS.ProcessEnv; enabled: boolean; focused?: () => boolean | undefined };

/**
 * Whether to ring now: on a terminal, with the setting on, and not while the user is looking at
 * it. A terminal that never reported its focus rings as before (the user may be anywhere). Pure.
 */
export function shouldRing(state: { enabled: boolean; isTTY: boolean; focused: boolean | undefined }): boolean {
  return state.enabled && state.isTTY && state.focused !== true;
}

/** A function that rings the terminal with `text`, or does nothing when the options say not to. */
export function attention(options: AttentionOptions): (text: string) => void {
  return (text) => {
    if (!shouldRing({ enabled: options.enabled, isTTY: options.stream.isTTY === true, focused: options.focused?.() })) return;
    options.stream.write(attentionSequence(options.env, text));
  };
}

/** The terminal's focus as last reported: `report` takes each report, `focused` says the latest (undefined before any). */
export type FocusTracker = { report: (focused: boolean) => void; focused: () => boolean | undefined };

/** A new focus tracker that has heard nothing yet. */
export function focusTracker(): FocusTracker {
  let focused: boolean | undefined;
  return {
    report: (value) => {
      focused = value;
    },
    focused: () => focused,
  };
}

/**
 * Rings when a job that took LONG_JOB_MS or more ends (an export in the studio, a watched file),
 * so a long render finishing in a background tab is noticed (`ring` itself stays quiet while the
 * terminal has focus). Returns the unsubscribe function.
 */
export function ringOnLongJobs(engine: Pick<Engine, 'subscribe'>, ring: (text: string) => void): () => void {
  const rung = new Set<string>();
  return engine.subscribe((event: EngineEvent) => {
    if (event.name !== 'job:update') return;
    const job = event.payload;
    if (job.status !== 'done' && job.status !== 'failed') return;
    if (job.updatedAt - job.startedAt < LONG_JOB_MS || rung.has(job.id)) return;
    rung.add(job.id);
    ring(`${basename(job.input)} ${job.status === 'done' ? 'is ready' : 'failed'}`);
  });
}
