import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../src/engine/api/types.js';
import type { Draft, NamedPlanItem } from '../../src/wire/index.js';
import type { ChatEvent } from '../../src/engine/sse/chat-event.js';
import { StreamDroppedError } from '../../src/engine/sse/read-chat-stream.js';
import { runTurn, turnActions, type TurnDeps } from '../../src/engine/turn.js';

const video: Draft = { t: [{ tt: 0, sg: [{ src: 'm1', s: 0, d: 10_000, m: { name: 'city timelapse' } }], m: {} }], d: 10_000, m: {} };
const withMusic: Draft = { ...video, t: [...video.t, { tt: 1, sg: [{ src: 'm2', s: 0, d: 10_000, m: { name: 'Lo-fi' } }], m: { volume: 0.35 } }] };
const stateOf = (draft: Draft): SessionState => ({ draft, videoInfos: {}, generatedMedia: [] });

// The stream is a plain generator here: these tests are about what the turn does with events.
async function* stream(events: ChatEvent[], options: { gapMs?: number; dropAfter?: number } = {}): AsyncGenerator<ChatEvent> {
  for (const [index, event] of events.entries()) {
    if (index === options.dropAfter) throw new StreamDroppedError('socket hang up');
    if (options.gapMs) await sleep(options.gapMs);
    yield event;
  }
}

function deps(events: () => AsyncGenerator<ChatEvent>, states: SessionState[], overrides: Partial<TurnDeps['timing']> = {}) {
  const raised: { name: string; payload: Record<string, unknown> }[] = [];
  let looks = 0;
  const value: TurnDeps = {
    open: async () => events(),
    getState: async () => states[Math.min(looks++, states.length - 1)],
    before: stateOf(video),
    raise: (name, payload) => raised.push({ name, payload }),
    sources: () => ({}),
    timing: { workingEveryMs: 60_000, capMs: 60_000, dropPolling: { firstDelayMs: 1, nextDelayMs: 1, maxUnchanged: 5 }, ...overrides },
  };
  return { value, raised, looks: () => looks };
}

// Our node's plan step for one video, as the stream reader types it.
const planned: NamedPlanItem = { name: 'city timelapse', mode: 'bitrate', codec: 'h264', container: 'mp4', encoder: 'libx264', passes: 2, width: 320, height: 240, video_kbps: 700, audio: 'none' };

describe('runTurn', () => {
  it('streams the reply, then shows the final once', async () => {
    const { value, raised } = deps(() => stream([{ type: 'text-delta', text: 'Compressing ' }, { type: 'text-final', text: 'Compressing now. Click Export when ready.' }, { type: 'done' }]), []);
    const result = await runTurn(value, { turnId: 1 });
    expect(raised.filter((r) => r.name === 'message:delta').map((r) => r.payload.text)).toEqual(['Compressing ', 'Compressing now. Click Export when ready.']);
    expect(raised.filter((r) => r.name === 'message:done')).toEqual([{ name: 'message:done', payload: { turnId: 1, text: 'Compressing now. Click Export when ready.' } }]);
    expect(result.actions).toEqual([{ kind: 'export' }]);
  });

  it('carries the typed plan, and acts on it rather than on the wording', async () => {
    const { value } = deps(() => stream([{ type: 'plan', items: [planned] }, { type: 'text-final', text: 'Here is the plan. Tell me what to change.' }, { type: 'done' }]), []);
    const result = await runTurn(value, { turnId: 7 });
    expect(result).toMatchObject({ text: 'Here is the plan. Tell me what to change.', plan: [planned], actions: [{ kind: 'export' }] });
  });

  it('says "Still working" after each quiet interval (heartbeats are silence)', async () => {
    const beats: ChatEvent[] = Array.from({ length: 6 }, () => ({ type: 'heartbeat' }));
    const { value, raised } = deps(() => stream([...beats, { type: 'text-final', text: 'Done.' }, { type: 'done' }], { gapMs: 15 }), [], { workingEveryMs: 30 });
    await runTurn(value, { turnId: 2 });
    const working = raised.filter((r) => r.name === 'working');
    expect(working.length).toBeGreaterThanOrEqual(1);
    expect(working[0].payload.text).toBe('⏳ Still working…');
  });

  it('a turn with no text: looks at the state and summarises what changed', async () => {
    const { value, raised } = deps(() => stream([{ type: 'tool-call', name: 'add_music', args: {} }, { type: 'done' }]), [stateOf(withMusic)]);
    const result = await runTurn(value, { turnId: 3 });
    expect(result.note).toBe('Added: BGM: Lo-fi (0-10s, 35%).');
    expect(raised.at(-1)).toEqual({ name: 'message:done', payload: { turnId: 3, text: '', note: 'Added: BGM: Lo-fi (0-10s, 35%).' } });
  });

  it('a dropped stream: watches the state until the edit shows, and says so', async () => {
    const { value, raised, looks } = deps(() => stream([{ type: 'text-delta', text: 'Adding' }, { type: 'done' }], { dropAfter: 1 }), [stateOf(video), stateOf(video), stateOf(withMusic)]);
    const result = await runTurn(value, { turnId: 4 });
    expect(looks()).toBe(3);
    expect(result.confirmed).toBe(true);
    expect(result.note).toMatch(/^The stream dropped, but the node finished: Added: BGM: Lo-fi/);
    expect(raised.some((r) => r.name === 'notice' && /not sent again/.test(String(r.payload.text)))).toBe(true);
  });

  it('a dropped stream and no change: gives up after 5 unchanged looks and tells the user', async () => {
    const { value, looks } = deps(() => stream([{ type: 'text-delta', text: 'x' }], { dropAfter: 0 }), [stateOf(video)]);
    const result = await runTurn(value, { turnId: 5 });
    expect(looks()).toBe(5);
    expect(result.confirmed).toBe(false);
    expect(result.note).toMatch(/shows no change yet/);
  });

  it('the 15-minute cap (here 50 ms) is handled like a drop', async () => {
    const endless = async function* (): AsyncGenerator<ChatEvent> {
      for (;;) {
        await sleep(10);
        yield { type: 'heartbeat' };
      }
    };
    const capped: TurnDeps['open'] = async (signal) =>
      (async function* () {
        for await (const event of endless()) {
          if (signal.aborted) throw signal.reason;
          yield event;
        }
      })();
    const { value } = deps(endless, [stateOf(withMusic)], { capMs: 50 });
    const result = await runTurn({ ...value, open: capped }, { turnId: 6 });
    expect(result.confirmed).toBe(true);
  });

  it('the user canceling stops the turn with their reason', async () => {
    const controller = new AbortController();
    const { value } = deps(() => stream([{ type: 'heartbeat' }, { type: 'heartbeat' }], { gapMs: 20 }), []);
    const opened: TurnDeps['open'] = async (signal) =>
      (async function* () {
        for await (const event of stream([{ type: 'heartbeat' }, { type: 'heartbeat' }, { type: 'heartbeat' }], { gapMs: 20 })) {
          if (signal.aborted) throw signal.reason;
          yield event;
        }
      })();
    setTimeout(() => controller.abort(new Error('stop')), 30);
    await expect(runTurn({ ...value, open: opened }, { turnId: 7 }, controller.signal)).rejects.toThrow('stop');
  });
});

describe('turnActions', () => {
  it.each([
    ['a plan for a video: export, whatever the wording', 'Here is the plan.', [planned], [{ kind: 'export' }]],
    ['a plan wins over prose that asks for more', 'Click Export, then open the timeline panel.', [planned], [{ kind: 'export' }]],
    ['a plan with no video: nothing to export', 'Click Export when you are ready.', [], []],
    ["no plan (the cloud): the reply's GUI phrases", 'Click Export when you are ready.', undefined, [{ kind: 'export' }]],
    ['no plan and no GUI phrase: nothing', 'Compressing now.', undefined, []],
  ])('%s', (_name, reply, plan, actions) => {
    expect(turnActions(reply, plan)).toEqual(actions);
  });
});
