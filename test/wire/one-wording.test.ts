import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { planCommand } from '../../src/cli/plan-command.js';
import { printRunResults } from '../../src/cli/run-output.js';
import type { SessionState } from '../../src/engine/api/types.js';
import { draftItems } from '../../src/engine/export-session.js';
import { mediaSources } from '../../src/engine/index.js';
import { createStudioStore } from '../../src/ui/use-engine.js';
import { formatBytes } from '../../src/units.js';
import { readCloudDraft, timelineLine } from '../../src/wire/index.js';
import { call, message, newSession, startTestNode, upload } from '../server/node-harness.js';
import { makeClip } from '../helpers/clips.js';

// One session, one wording: drafts made by a real node from real instructions, then shown by every
// place that shows a timeline or a size — the studio's pane, the node's chat reply, the client's
// timeline note, `run`'s ✓ line and `plan`'s output — must say the same thing in the same words.

let dir: string;
let clips: { city: string; beach: string; party: string; lofi: string };
let started: Awaited<ReturnType<typeof startTestNode>>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'one-wording-'));
  clips = {
    city: await makeClip(dir, { width: 320, height: 240, seconds: 4, audio: true, name: 'city.mp4' }),
    beach: await makeClip(dir, { width: 320, height: 240, seconds: 1, audio: true, name: 'beach.mp4' }),
    party: await makeClip(dir, { width: 320, height: 240, seconds: 1, audio: true, name: 'party.mp4' }),
    lofi: await makeClip(dir, { video: false, seconds: 6, name: 'lofi.m4a' }),
  };
  started = await startTestNode();
});
afterAll(async () => {
  await started.cleanup();
  await rm(dir, { recursive: true, force: true });
});

type Step = { upload: (keyof typeof clips)[] } | { say: string };

/** Runs the steps on a fresh session of the real node; the state as the client reads it, and what `status` replies. */
async function session(steps: Step[]): Promise<{ state: SessionState; reply: string }> {
  const base = started.node.url;
  const { token, sessionId } = await newSession(base);
  for (const step of steps) {
    if ('upload' in step) await upload(base, token, sessionId, step.upload.map((name) => clips[name]), step.upload.map((name) => clips[name].split('/').at(-1) as string));
    else await message(base, token, sessionId, step.say);
  }
  const answer = await call(base, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token });
  const state: SessionState = { draft: readCloudDraft(answer.data.state.draft), videoInfos: answer.data.state.video_infos, generatedMedia: [] };
  const status = await message(base, token, sessionId, 'status');
  return { state, reply: status.events.at(-1).content.parts[0].text };
}

/** The studio's timeline pane: the lines its store derives from the engine's state event. */
function paneOf(state: SessionState): { items: string[]; output?: string } {
  const store = createStudioStore({ subscribe: (listener) => (listener({ name: 'state', payload: { sessionId: 's', state } }), () => undefined) }, 0);
  const { timeline } = store.getSnapshot();
  store.close();
  return timeline;
}

/** The node's "status" reply as items and output. */
function replyOf(text: string): { items: string[]; output?: string } {
  const lines = text.split('\n');
  return {
    items: lines.flatMap((line) => /^\d+\. (.*)$/.exec(line)?.slice(1) ?? []),
    output: lines.flatMap((line) => /^Output: (.*)\.$/.exec(line)?.slice(1) ?? [])[0],
  };
}

/** `plan TEXT`'s first line, without its intent: the goal in words. */
async function planOf(text: string): Promise<string> {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
  try {
    await planCommand([text]);
  } finally {
    spy.mockRestore();
  }
  return written.join('').split('\n')[0].replace(/^\w+: /, '');
}

/** `run`'s ✓ line for each item, as if each were delivered at its size cap. */
function runLinesOf(state: SessionState): string[] {
  const lines: string[] = [];
  const results = draftItems(state).map((item) => ({ jobId: 'j', input: `/in/${item.name}`, output: `/out/${item.name}`, bytes: item.goal.targetBytes ?? 1000, targetBytes: item.goal.targetBytes, recompressed: false }));
  printRunResults(results, { json: false, verbose: false }, (line) => lines.push(line));
  return lines;
}

/** Every part of `plan`'s goal ("≤ 2 MB · ≤ 1080p · …") stands in `shown`. */
function expectSaid(shown: string | undefined, planned: string): void {
  for (const part of planned.split(' · ')) expect(shown).toContain(part.replace(/^Discord: /, ''));
}

describe('one wording of a session', () => {
  it.each<[string, Step[], string | undefined, string[]]>([
    ['a video with a trim', [{ upload: ['city'] }, { say: 'keep from 1s to 3s under 2MB' }], 'keep from 1s to 3s under 2MB', ['Video: city.mp4 (1-3s)']],
    ['background music', [{ upload: ['city', 'lofi'] }, { say: 'music at 35%' }], undefined, ['Video: city.mp4 (0-4s)', 'BGM: lofi.m4a (0-4s, 35%)']],
    ['a title', [{ upload: ['city'] }, { say: "add title 'Urban Dreams'" }], undefined, ['Video: city.mp4 (0-4s)', 'Title: "Urban Dreams" (0-3s)']],
    ['muted after "keep audio"', [{ upload: ['city'] }, { say: 'keep audio under 1MB' }, { say: 'mute it' }], 'under 1MB no audio', ['Video: city.mp4 (0-4s)']],
  ])('%s: pane, chat reply, note, run and plan agree', async (_name, steps, instruction, items) => {
    const { state, reply } = await session(steps);
    const pane = paneOf(state);
    const node = replyOf(reply);
    expect(pane.items).toEqual(items);
    expect(node.items).toEqual(pane.items);
    expect(node.output).toBe(pane.output);
    const sources = mediaSources(state);
    expect(timelineLine(state.draft, sources)).toBe([pane.items.map((item, index) => `${index + 1}. ${item}`).join(' '), ...(pane.output ? [`Output: ${pane.output}`] : [])].join(' — '));
    if (instruction) expectSaid(pane.output, await planOf(instruction));
    for (const [index, line] of runLinesOf(state).entries()) {
      const target = draftItems(state)[index].goal.targetBytes;
      if (target !== undefined) {
        expect(line).toContain(`under ${formatBytes(target)}`);
        expect(pane.output).toContain(`≤ ${formatBytes(target)}`);
      }
    }
  });

  it('a batch of three: each item says its own goal, as plan says it, and run promises the same sizes', async () => {
    const instructions = ['make it fit discord', '720p', 'half the size'];
    const { state, reply } = await session([
      { upload: ['beach'] },
      { say: instructions[0] },
      { upload: ['city'] },
      { say: instructions[1] },
      { upload: ['party'] },
      { say: instructions[2] },
    ]);
    const pane = paneOf(state);
    expect(replyOf(reply).items).toEqual(pane.items);
    expect(pane.items.map((item) => item.split(' → ')[0])).toEqual(['Video: beach.mp4 (0-1s)', 'Video: city.mp4 (0-4s)', 'Video: party.mp4 (0-1s)']);
    // Separate files, each with its own goal, so no shared output line, in the pane or the reply.
    expect(pane.output).toBeUndefined();
    expect(replyOf(reply).output).toBeUndefined();
    for (const [index, text] of instructions.entries()) expectSaid(pane.items[index].split(' → ')[1], await planOf(text));
    const items = draftItems(state);
    const runLines = runLinesOf(state);
    for (const [index, item] of items.entries()) {
      if (item.goal.targetBytes === undefined) continue;
      expect(runLines[index]).toContain(`under ${formatBytes(item.goal.targetBytes)}`);
      expect(pane.items[index]).toContain(`≤ ${formatBytes(item.goal.targetBytes)}`);
    }
    expect(items.map((item) => item.goal.targetBytes === undefined)).toEqual([false, true, false]);
  });
});
