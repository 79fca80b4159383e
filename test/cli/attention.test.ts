import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { attention, attentionSequence, focusTracker, LONG_JOB_MS, ringOnLongJobs, shouldRing } from '../../src/cli/attention.js';
import { enableTerminalModes, FOCUS_OFF, FOCUS_ON, PASTE_OFF, PASTE_ON, type ModesProcess } from '../../src/cli/terminal-modes.js';
import type { EngineEvent, Job } from '../../src/engine/index.js';

describe('attentionSequence', () => {
  it.each([
    [{ TERM_PROGRAM: 'iTerm.app' }, '\x1b]9;clip.mp4 is ready\x07'],
    [{ TERM_PROGRAM: 'WezTerm' }, '\x1b]9;clip.mp4 is ready\x07'],
    [{ TERM_PROGRAM: 'ghostty' }, '\x1b]9;clip.mp4 is ready\x07'],
    [{ WT_SESSION: 'abc' }, '\x1b]9;clip.mp4 is ready\x07'],
    [{ TERM: 'foot' }, '\x1b]777;notify;compressor-studio;clip.mp4 is ready\x07'],
    [{ TERM: 'rxvt-unicode-256color' }, '\x1b]777;notify;compressor-studio;clip.mp4 is ready\x07'],
    [{ TERM: 'xterm-256color' }, '\x07'],
    [{ TERM_PROGRAM: 'iTerm.app', TMUX: '/tmp/tmux-0/default,1,0' }, '\x07'],
    [{ TERM: 'screen-256color', TERM_PROGRAM: 'WezTerm' }, '\x07'],
    [{}, '\x07'],
  ])('%j', (env, expected) => {
    expect(attentionSequence(env, 'clip.mp4 is ready')).toBe(expected);
  });

  it('keeps control characters and field separators out of the notification', () => {
    expect(attentionSequence({ TERM: 'foot' }, 'a\x07b;c\x1b]d')).toBe('\x1b]777;notify;compressor-studio;a b c ]d\x07');
  });
});

/** A stream as a terminal or a pipe, recording what is written. */
function stream(isTTY: boolean): { out: NodeJS.WriteStream; written: () => string } {
  const pass = new PassThrough();
  let text = '';
  pass.on('data', (chunk) => (text += chunk));
  return { out: Object.assign(pass, { isTTY }) as unknown as NodeJS.WriteStream, written: () => text };
}

describe('attention', () => {
  it('rings on a terminal when enabled, and never on a pipe or when the setting is off', async () => {
    const cases = [
      [true, true, '\x07'],
      [false, true, ''],
      [true, false, ''],
    ] as const;
    for (const [isTTY, enabled, expected] of cases) {
      const { out, written } = stream(isTTY);
      attention({ stream: out, env: { TERM: 'xterm' }, enabled })('done');
      await new Promise((resolve) => setImmediate(resolve));
      expect(written()).toBe(expected);
    }
  });
});

describe('shouldRing', () => {
  it.each([
    // enabled, terminal, focused → ring
    [true, true, false, true],
    [true, true, true, false],
    [true, true, undefined, true],
    [false, true, false, false],
    [false, true, undefined, false],
    [true, false, false, false],
    [true, false, undefined, false],
  ] as const)('setting %s, terminal %s, focused %s: %s', (enabled, isTTY, focused, ring) => {
    expect(shouldRing({ enabled, isTTY, focused })).toBe(ring);
  });

  it('follows the focus reports as they come', async () => {
    const { out, written } = stream(true);
    const focus = focusTracker();
    const ring = attention({ stream: out, env: { TERM: 'xterm' }, enabled: true, focused: focus.focused });
    ring('never reported');
    focus.report(true);
    ring('looking');
    focus.report(false);
    ring('away');
    await new Promise((resolve) => setImmediate(resolve));
    expect(written()).toBe('\x07\x07');
  });
});

describe('enableTerminalModes', () => {
  /** A process as the modes see it: its events, and the signals sent to it. */
  function fakeProcess(): ModesProcess & { emitter: EventEmitter; killed: string[] } {
    const emitter = new EventEmitter();
    const killed: string[] = [];
    return Object.assign(emitter, {
      emitter,
      killed,
      pid: 42,
      kill: (_pid: number, signal?: string | number) => (killed.push(String(signal)), true),
    }) as unknown as ModesProcess & { emitter: EventEmitter; killed: string[] };
  }

  it.each([
    ['the studio quits', (_proc: ReturnType<typeof fakeProcess>, off: () => void) => off(), []],
    ['the process exits (a crash ends in exit too)', (proc: ReturnType<typeof fakeProcess>) => proc.emitter.emit('exit', 1), []],
    ['SIGTERM, which is then delivered again', (proc: ReturnType<typeof fakeProcess>) => proc.emitter.emit('SIGTERM', 'SIGTERM'), ['SIGTERM']],
    ['SIGHUP, which is then delivered again', (proc: ReturnType<typeof fakeProcess>) => proc.emitter.emit('SIGHUP', 'SIGHUP'), ['SIGHUP']],
  ] as const)('turns paste and focus reports on, and off once when %s', async (_name, end, killed) => {
    const { out, written } = stream(true);
    const proc = fakeProcess();
    const off = enableTerminalModes(out, proc);
    end(proc, off);
    off();
    proc.emitter.emit('exit', 0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(written()).toBe(PASTE_ON + FOCUS_ON + PASTE_OFF + FOCUS_OFF);
    expect(proc.killed).toEqual(killed);
    expect(proc.emitter.eventNames()).toEqual([]);
  });
});

describe('ringOnLongJobs', () => {
  const job = (over: Partial<Job>): Job => ({ id: 'j1', input: '/v/clip.mp4', status: 'done', startedAt: 0, updatedAt: LONG_JOB_MS, fraction: 1, phaseStartedAt: 0, ...over }) as Job;

  it('rings once when a job of LONG_JOB_MS or more ends, not for short or unfinished ones', () => {
    const events = new EventEmitter();
    const engine = { subscribe: (listener: (event: EngineEvent) => void) => (events.on('e', listener), () => events.off('e', listener)) };
    const rings: string[] = [];
    const stop = ringOnLongJobs(engine as never, (text) => rings.push(text));
    const emit = (payload: Job) => events.emit('e', { name: 'job:update', payload } as EngineEvent);
    emit(job({ status: 'rendering', updatedAt: LONG_JOB_MS * 2 }));
    emit(job({ id: 'short', updatedAt: LONG_JOB_MS - 1 }));
    emit(job({}));
    emit(job({}));
    emit(job({ id: 'j2', input: '/v/other.mov', status: 'failed' }));
    stop();
    emit(job({ id: 'j3' }));
    expect(rings).toEqual(['clip.mp4 is ready', 'other.mov failed']);
  });
});
