import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '../helpers/clips.js';
import { call, download, message, newSession, startExport, startTestNode, upload, waitForRender } from './node-harness.js';

// Enough clients to interleave uploads, turns and renders on every core, without queueing so many
// encodes on a small, busy machine that the last one waits for minutes.
const CLIENTS = Math.min(20, Math.max(6, availableParallelism() * 4));

let dir: string;
let clips: string[];
let started: Awaited<ReturnType<typeof startTestNode>>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'many-'));
  // Two different sizes, so a client that got another's output would see the wrong picture size.
  clips = [await makeClip(dir, { width: 128, height: 96, seconds: 0.5 }), await makeClip(dir, { width: 96, height: 128, seconds: 0.5 })];
  started = await startTestNode({ concurrency: 2 });
});
afterAll(async () => {
  await started.cleanup();
  await rm(dir, { recursive: true, force: true });
});

describe('many clients', () => {
  it(`${CLIENTS} clients at once, each in its own session, upload and render with no cross talk`, async () => {
    const base = started.node.url;
    const results = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, index) => {
        const { token, sessionId } = await newSession(base);
        const clip = clips[index % 2];
        const uploaded = await upload(base, token, sessionId, [clip], [`client-${index}.mp4`]);
        expect(uploaded.code).toBe(0);
        const exported = await startExport(base, token, sessionId, `render_${index}`);
        expect(exported.code).toBe(0);
        const done = await waitForRender(base, token, `render_${index}`);
        return { index, token, sessionId, done, mediaId: uploaded.data.files[0].media_id };
      }),
    );
    for (const { index, token, sessionId, done, mediaId } of results) {
      expect(done.status).toBe('completed');
      expect(done.outputs.map((output: { name: string }) => output.name)).toEqual([`client-${index}.compressed.mp4`]);
      const bytes = Buffer.from(await (await download(done.output.url)).arrayBuffer());
      expect(bytes.length).toBe(done.output.size);
      const state = await call(base, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token });
      expect(Object.keys(state.data.state.video_infos)).toEqual([mediaId]);
      expect(state.data.state.generated_media.map((item: { render_id: string }) => item.render_id)).toEqual([`render_${index}`]);
      const width = state.data.state.video_infos[mediaId].video.width;
      expect(width).toBe(index % 2 === 0 ? 128 : 96);
      // Nobody sees anyone else's render.
      const neighbour = results[(index + 1) % results.length];
      expect((await call(base, 'GET', `/api/render/proxy/lambda/render_${neighbour.index}`, { token })).code).toBe(404);
    }
    expect(new Set(results.map((result) => result.done.output.url)).size).toBe(CLIENTS);
  }, 240_000);

  it('a batch: several uploads are several items, and "compress all of them" applies to each', async () => {
    const base = started.node.url;
    const { token, sessionId } = await newSession(base);
    const uploaded = await upload(base, token, sessionId, clips, ['first.mp4', 'second.mov']);
    expect(uploaded.data.files).toHaveLength(2);
    const turn = await message(base, token, sessionId, 'compress all of them to 1MB');
    const text = turn.events.at(-1).content.parts[0].text as string;
    expect(text).toMatch(/1\. first\.mp4/);
    expect(text).toMatch(/2\. second\.mov/);
    expect((await startExport(base, token, sessionId, 'render_batch')).code).toBe(0);
    const done = await waitForRender(base, token, 'render_batch');
    expect(done.outputs.map((output: { name: string }) => output.name)).toEqual(['first.compressed.mp4', 'second.compressed.mp4']);
    expect(done.output.url).toBe(done.outputs[0].url);
    for (const output of done.outputs) expect(output.size).toBeLessThanOrEqual(1_000_000);
  });
});
