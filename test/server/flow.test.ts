import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../../src/media/index.js';
import { makeClip } from '../helpers/clips.js';
import { call, download, keyHeaders, message, newSession, startExport, startTestNode, upload, waitForRender } from './node-harness.js';

let dir: string;
let clip: string;
let started: Awaited<ReturnType<typeof startTestNode>>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flow-'));
  clip = await makeClip(dir, { width: 160, height: 120, seconds: 1, audio: true });
  started = await startTestNode();
});
afterAll(async () => {
  await started.cleanup();
  await rm(dir, { recursive: true, force: true });
});

describe('the brief flow against a real node', () => {
  it('token → session → upload → message → state → export → poll → download (Range too)', async () => {
    const base = started.node.url;
    const { token, sessionId } = await newSession(base);
    expect(sessionId).toMatch(/^\d{15,}$/);

    const uploaded = await upload(base, token, sessionId, [clip], ['my trip.mp4']);
    expect(uploaded.code).toBe(0);
    const [file] = uploaded.data.files;
    expect(file).toMatchObject({ name: 'my trip.mp4', size: expect.any(Number) });
    expect(file.video_info).toMatchObject({ durationSec: expect.closeTo(1, 0), video: { width: 160, height: 120 } });
    expect(file.video_info.path).toBeUndefined();

    const turn = await message(base, token, sessionId, 'compress this video to under 1MB');
    expect(turn.status).toBe(200);
    const names = turn.events.flatMap((event) => event.content.parts.map((part: any) => part.functionCall?.name ?? part.functionResponse?.name)).filter(Boolean);
    expect(names).toEqual(['analyse', 'analyse', 'plan', 'plan']);
    const partials = turn.events.filter((event) => event.partial === true);
    const final = turn.events.at(-1);
    expect(partials.length).toBeGreaterThan(0);
    expect(final.partial).toBeUndefined();
    expect(partials.map((event) => event.content.parts[0].text).join('')).toBe(final.content.parts[0].text);
    expect(final.content.parts[0].text).toMatch(/Understood/);
    expect(final.content.parts[0].text).toMatch(/160x120/);
    expect(final.content.parts[0].text).toMatch(/export/i);
    expect(final.actions.stateDelta.draft.m.targetBytes).toBe(1_000_000);

    const state = await call(base, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token });
    expect(state.data.state.draft.m.targetBytes).toBe(1_000_000);
    expect(state.data.state.draft.t[0].sg[0]).toMatchObject({ src: file.media_id, s: 0 });
    expect(Object.keys(state.data.state.video_infos)).toEqual([file.media_id]);

    const exported = await startExport(base, token, sessionId, 'render_flow', state.data.state.draft);
    expect(exported.data).toEqual({ id: 'render_flow', status: 'pending', progress: 0 });
    const done = await waitForRender(base, token, 'render_flow');
    expect(done).toMatchObject({ status: 'completed', progress: 100, output: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/files\//) } });
    expect(done.outputs).toHaveLength(1);
    // The output measured against its source on the node: { vmaf } where libvmaf exists, else { ssim }.
    expect(Object.keys(done.outputs[0].quality)).toEqual([expect.stringMatching(/^(vmaf|ssim)$/)]);
    expect(done.output.size).toBeLessThanOrEqual(1_000_000);

    // The download needs no bearer token: the URL itself is the secret.
    const whole = Buffer.from(await (await download(done.output.url)).arrayBuffer());
    expect(whole.length).toBe(done.output.size);
    const ranged = await fetch(done.output.url, { headers: { ...keyHeaders(done.output.url), range: 'bytes=10-109' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 10-109/${whole.length}`);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(whole.subarray(10, 110))).toBe(true);
    const saved = join(dir, 'downloaded.mp4');
    await writeFile(saved, whole);
    expect((await probe(saved)).durationSec).toBeCloseTo(1, 0);

    const after = await call(base, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token });
    expect(after.data.state.generated_media).toEqual([
      expect.objectContaining({ render_id: 'render_flow', url: done.output.url, size: done.output.size, goal: expect.objectContaining({ targetBytes: 1_000_000 }) }),
    ]);
    expect(await readdir(join(started.dataDir, 'work')).catch(() => [])).toEqual([]);
  });

  it('tells a session with no files how to upload, and keeps the goal for later', async () => {
    const base = started.node.url;
    const { token, sessionId } = await newSession(base);
    const turn = await message(base, token, sessionId, 'make it 720p');
    const text = turn.events.at(-1).content.parts[0].text as string;
    expect(text).toMatch(/Upload a video/);
    expect(turn.events.at(-1).actions.stateDelta.draft.m.resolution).toBe(720);
  });

  it('keeps the goal of "upload and compress to …" said before the file and said with it', async () => {
    const base = started.node.url;
    const { token, sessionId } = await newSession(base);
    const before = await message(base, token, sessionId, 'upload and compress to 1MB');
    expect(before.events.at(-1).content.parts[0].text).toMatch(/Understood: ≤ 1 MB[^]*Upload a video first/);
    expect(before.events.at(-1).actions.stateDelta.draft.m.targetBytes).toBe(1_000_000);
    await upload(base, token, sessionId, [clip]);
    const withFile = await message(base, token, sessionId, 'upload and compress to 500KB');
    expect(withFile.events.at(-1).content.parts[0].text).toMatch(/Understood: ≤ 500 KB[^]*Here is the plan:\n1\. /);
    const plain = await message(base, token, sessionId, 'upload');
    expect(plain.events.at(-1).content.parts[0].text).toMatch(/^Timeline: 1\. Video: .*\nTell me what it should become, or add another video/);
  });

  it('says a trim is understood without claiming the settings now lack it', async () => {
    const base = started.node.url;
    const { token, sessionId } = await newSession(base);
    await upload(base, token, sessionId, [clip]);
    const turn = await message(base, token, sessionId, 'compress to 1MB, first 0.5 seconds');
    const text = turn.events.at(-1).content.parts[0].text as string;
    expect(text).toMatch(/^Understood: ≤ 1 MB · .*first 0\.5 s.*\.$/m);
    expect(text).not.toContain('all settings now');
  });

  it('answers an instruction it cannot use with a question and examples, leaving the draft alone', async () => {
    const base = started.node.url;
    const { token, sessionId } = await newSession(base);
    const turn = await message(base, token, sessionId, 'sing me a song about penguins');
    const final = turn.events.at(-1);
    expect(final.content.parts[0].text).toMatch(/For example/);
    expect(final.actions.stateDelta).toEqual({});
  });

  it('accepts the camelCase body ADK servers accept', async () => {
    const base = started.node.url;
    const { token, sessionId } = await newSession(base);
    const response = await fetch(`${base}/run_sse`, {
      method: 'POST',
      headers: { ...keyHeaders(base), authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ appName: 'nemo_agent', userId: 'me', sessionId, newMessage: { parts: [{ text: 'help' }] } }),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/for example/i);
  });
});
