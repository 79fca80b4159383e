import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../../src/media/index.js';
import { itemGoal, outputGoal, segmentsOf, TrackType, type Draft } from '../../src/wire/index.js';
import { makeClip } from '../helpers/clips.js';
import { call, download, message, newSession, startExport, startTestNode, upload, waitForRender } from './node-harness.js';

// The brief's batch: "Upload multiple files in one session. Process them one by one with different
// instructions. Each gets its own render." Through a real node, real clips.

let dir: string;
let clips: string[];
let started: Awaited<ReturnType<typeof startTestNode>>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'batch-'));
  clips = [
    await makeClip(dir, { width: 320, height: 240, seconds: 1, audio: true, name: 'beach.mp4' }),
    await makeClip(dir, { width: 1280, height: 960, seconds: 1, audio: true, name: 'city.mp4' }),
    await makeClip(dir, { width: 320, height: 240, seconds: 1, audio: true, name: 'party.mp4' }),
  ];
  started = await startTestNode();
});
afterAll(async () => {
  await started.cleanup();
  await rm(dir, { recursive: true, force: true });
});

const replyOf = (turn: Awaited<ReturnType<typeof message>>): string => turn.events.at(-1).content.parts[0].text;

async function goalsOf(base: string, token: string, sessionId: string): Promise<Record<string, unknown>[]> {
  const state = await call(base, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token });
  const draft = state.data.state.draft as Draft;
  return segmentsOf(draft, TrackType.video).map((segment) => ({ name: segment.m.name, ...itemGoal(outputGoal(draft), segment) }));
}

describe('a batch of three, each with its own instruction', () => {
  it('applies an unnamed instruction to the newest file and says so; each keeps its own goal, plan line and render', async () => {
    const base = started.node.url;
    const { token, sessionId } = await newSession(base);
    await upload(base, token, sessionId, [clips[0]], ['beach.mp4']);
    expect(replyOf(await message(base, token, sessionId, 'make it fit discord'))).toMatch(/^Understood: Discord: /);
    await upload(base, token, sessionId, [clips[1]], ['city.mp4']);
    expect(replyOf(await message(base, token, sessionId, '720p'))).toMatch(/^Understood: ≤ 720p .* — for city\.mp4, the newest file/);
    await upload(base, token, sessionId, [clips[2]], ['party.mp4']);
    const last = replyOf(await message(base, token, sessionId, 'half the size'));
    expect(last).toMatch(/— for party\.mp4, the newest file/);

    // Three plan lines, each its own: Discord's cap, 720p, and half of party.mp4's size.
    const plan = last.split('\n').filter((line) => /^\d\. /.test(line));
    expect(plan).toHaveLength(3);
    // 105 KB already fits Discord's 10 MB: a copy, which a merged "720p" or "half" would not allow.
    expect(plan[0]).toMatch(/^1\. beach\.mp4 .*→ already fits: copied/);
    expect(plan[1]).toMatch(/^2\. city\.mp4 .*→ 960x720 /);
    expect(plan[1]).not.toMatch(/under/);
    expect(plan[2]).toMatch(/^3\. party\.mp4 .*→ 320x240 .*\(under /);
    expect(await goalsOf(base, token, sessionId)).toEqual([
      { name: 'beach.mp4', platform: 'discord', targetBytes: 10_000_000 },
      { name: 'city.mp4', resolution: 720 },
      { name: 'party.mp4', relativeSize: 0.5 },
    ].map((goal) => expect.objectContaining(goal)));
    const [beach, city, party] = await goalsOf(base, token, sessionId);
    expect(city.targetBytes).toBeUndefined();
    expect(party.platform).toBeUndefined();
    expect(beach.resolution).not.toBe(720);

    const exported = await startExport(base, token, sessionId, 'render_batch');
    expect(exported.code).toBe(0);
    const done = await waitForRender(base, token, 'render_batch');
    expect(done.status).toBe('completed');
    expect(done.outputs.map((output: { name: string }) => output.name)).toEqual(['beach.compressed.mp4', 'city.compressed.mp4', 'party.compressed.mp4']);
    // Each made to its own goal: city at 720p, party at most half its source, beach as it was.
    const sizes = await Promise.all(done.outputs.map(async (output: { url: string }, index: number) => {
      const saved = join(dir, `out-${index}.mp4`);
      await writeFile(saved, Buffer.from(await (await download(output.url)).arrayBuffer()));
      return probe(saved);
    }));
    expect(sizes.map((info) => info.video?.height)).toEqual([240, 720, 240]);
    expect(sizes[2].sizeBytes).toBeLessThanOrEqual((await probe(clips[2])).sizeBytes / 2);
  });

  it('applies a named instruction to the file it names, and "all of them" to every file', async () => {
    const base = started.node.url;
    const { token, sessionId } = await newSession(base);
    await upload(base, token, sessionId, clips, ['beach.mp4', 'city.mp4', 'party.mp4']);
    expect(replyOf(await message(base, token, sessionId, 'make beach.mp4 fit discord'))).toMatch(/— for beach\.mp4\b/);
    expect(replyOf(await message(base, token, sessionId, 'city 720p'))).toMatch(/^Understood: ≤ 720p .*— for city\.mp4/);
    expect(await goalsOf(base, token, sessionId)).toEqual([
      expect.objectContaining({ platform: 'discord' }),
      { name: 'city.mp4', resolution: 720 },
      { name: 'party.mp4' },
    ]);
    const all = replyOf(await message(base, token, sessionId, 'compress all of them to 2MB'));
    expect(all).not.toMatch(/— for/);
    const goals = await goalsOf(base, token, sessionId);
    expect(goals.map((goal) => goal.targetBytes)).toEqual([2_000_000, 2_000_000, 2_000_000]);
    expect(goals[1].resolution).toBe(720);
  });
});
