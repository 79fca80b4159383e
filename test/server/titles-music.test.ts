import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../../src/media/index.js';
import { makeClip } from '../helpers/clips.js';
import { frameSsim } from '../helpers/frame-ssim.js';
import { call, download, message, newSession, startExport, startTestNode, upload, waitForRender } from './node-harness.js';

// The brief's timeline end to end on a real node: a video and an audio file uploaded, "add title
// 'Urban Dreams' and music at 35%", the draft in the cloud's shape, and an export whose picture
// shows the title and whose sound holds the music.

let dir: string;
let clip: string;
let silent: string;
let lofi: string;
let started: Awaited<ReturnType<typeof startTestNode>>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'titles-music-'));
  [clip, silent, lofi] = await Promise.all([
    makeClip(dir, { seconds: 2, audio: true, name: 'city.mp4' }),
    makeClip(dir, { seconds: 2, name: 'silent.mp4' }),
    makeClip(dir, { video: false, seconds: 1, name: 'lofi.m4a' }),
  ]);
  started = await startTestNode();
});
afterAll(async () => {
  await started.cleanup();
  await rm(dir, { recursive: true, force: true });
});

const finalText = (turn: Awaited<ReturnType<typeof message>>): string => turn.events.at(-1).content.parts[0].text;

async function state(base: string, token: string, sessionId: string): Promise<any> {
  return (await call(base, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token })).data.state;
}

/** Exports the session's draft and downloads the first output. */
async function exportOne(base: string, token: string, sessionId: string, id: string, name: string): Promise<{ file: string; size: number }> {
  const draft = (await state(base, token, sessionId)).draft;
  expect((await startExport(base, token, sessionId, id, draft)).code).toBe(0);
  const done = await waitForRender(base, token, id);
  expect(done).toMatchObject({ status: 'completed' });
  const file = join(dir, name);
  await writeFile(file, Buffer.from(await (await download(done.output.url)).arrayBuffer()));
  return { file, size: done.output.size };
}

describe('titles and background music through the real node', () => {
  it('uploads a video and music, adds the title and the music at 35%, and renders both in, under the size asked for', async () => {
    const base = started.node.url;
    const { token, sessionId } = await newSession(base);
    const uploaded = await upload(base, token, sessionId, [clip, lofi], ['city timelapse.mp4', 'Lo-fi.m4a']);
    expect(uploaded.code).toBe(0);
    const [video, music] = uploaded.data.files;
    expect(music.video_info.video).toBeUndefined();
    expect(music.video_info.audio).toMatchObject({ channels: 2 });

    const turn = await message(base, token, sessionId, "add title 'Urban Dreams' and music at 35%");
    const text = finalText(turn);
    expect(text).toMatch(/Title "Urban Dreams" from 0 to 3 s/);
    expect(text).toContain('Timeline: 1. Video: city timelapse.mp4 (0-2s) 2. BGM: Lo-fi.m4a (0-2s, 35%) 3. Title: "Urban Dreams" (0-3s)');
    const draft = (await state(base, token, sessionId)).draft;
    expect(draft.t).toEqual([
      { tt: 0, sg: [{ id: expect.any(String), src: video.media_id, s: 0, d: expect.any(Number), m: { name: 'city timelapse.mp4' } }], m: {} },
      { tt: 1, sg: [{ id: expect.any(String), src: music.media_id, s: 0, d: expect.any(Number), m: { name: 'Lo-fi.m4a', volume: 0.35 } }], m: {} },
      { tt: 7, sg: [{ id: expect.any(String), s: 0, d: 3000, m: { text: 'Urban Dreams' } }], m: {} },
    ]);
    expect(draft.t[1].sg[0].d).toBeGreaterThan(900);

    expect(finalText(await message(base, token, sessionId, 'compress it to under 300KB'))).toMatch(/background music at 35 %/);
    const titled = await exportOne(base, token, sessionId, 'render_titled', 'titled.mp4');
    expect(titled.size).toBeLessThanOrEqual(300_000);
    expect((await probe(titled.file)).audio).toBeDefined();

    // The same video and size with no title: the frame inside the title's window differs.
    const plain = await newSession(base);
    await upload(base, plain.token, plain.sessionId, [clip], ['city timelapse.mp4']);
    await message(base, plain.token, plain.sessionId, 'compress it to under 300KB');
    const untitled = await exportOne(base, plain.token, plain.sessionId, 'render_plain', 'plain.mp4');
    expect(await frameSsim(untitled.file, titled.file, 1)).toBeLessThan(0.999);
  });

  it('gives a silent video the music as its only sound, and removes title and music when asked', async () => {
    const base = started.node.url;
    const { token, sessionId } = await newSession(base);
    await upload(base, token, sessionId, [silent]);
    expect(finalText(await message(base, token, sessionId, 'add background music'))).toMatch(/upload an audio file first/);
    await upload(base, token, sessionId, [lofi]);
    expect(finalText(await message(base, token, sessionId, 'add a title "Hi: it\'s 50% off!" for 1 second and bgm volume 20%'))).toMatch(/at 20%/);
    const draft = (await state(base, token, sessionId)).draft;
    expect(draft.t.find((track: any) => track.tt === 7).sg[0]).toMatchObject({ s: 0, d: 1000, m: { text: "Hi: it's 50% off!" } });
    const rendered = await exportOne(base, token, sessionId, 'render_silent', 'silent-out.mp4');
    const info = await probe(rendered.file);
    expect(info.audio).toBeDefined();
    expect(info.durationSec).toBeCloseTo(2, 0);

    const removed = finalText(await message(base, token, sessionId, 'remove the title and remove the music'));
    expect(removed).toMatch(/Removed the title/);
    expect(removed).toMatch(/Removed the background music/);
    expect((await state(base, token, sessionId)).draft.t.map((track: any) => track.tt)).toEqual([0]);
  });

  it('still refuses what is neither video nor sound', async () => {
    const base = started.node.url;
    const { token, sessionId } = await newSession(base);
    const junk = join(dir, 'notes.mp3');
    await writeFile(junk, 'not really an mp3');
    expect((await upload(base, token, sessionId, [junk])).code).toBe(4001);
  });
});
