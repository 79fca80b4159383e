import { existsSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { probe } from '../../src/media/index.js';
import { startRenderNode, type RenderNode } from '../../src/server/index.js';
import { defaultStore, type JobRecord, type ResumePoint } from '../../src/store/index.js';
import { retryJob } from '../../src/studio/index.js';
import { TrackType } from '../../src/wire/index.js';
import { makeClip } from '../helpers/clips.js';
import { frameSsim } from '../helpers/frame-ssim.js';
import { until } from '../helpers/until.js';

// A retry from the job history renders the draft the job rendered, not only its video and goal:
// a job with a title, background music and a trim, canceled mid-render, comes back with all three,
// even after the session's timeline lost the title and the music.

let dir: string;
let video: string;
let music: string;
let node: RenderNode;
let engine: Engine;
/** The canceled job of the first test, as the store keeps it. */
let stored: JobRecord | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'job-retry-'));
  // Silent, so any sound in an output is the music; slow enough to cancel while it renders.
  [video, music] = await Promise.all([
    makeClip(dir, { width: 640, height: 360, seconds: 4, pattern: 'mandelbrot', name: 'city.mp4' }),
    makeClip(dir, { video: false, seconds: 4, name: 'lofi.m4a' }),
  ]);
  node = await startRenderNode({ dataDir: join(dir, 'node') });
  engine = createEngine({ apiBase: node.url, accessKey: node.accessKey, storeKey: 'node', store: defaultStore(join(dir, 'store')), env: {}, liveState: false, pollMs: 50 });
}, 120_000);
afterAll(async () => {
  engine.close();
  await node.close();
  await rm(dir, { recursive: true, force: true });
});

describe('retrying a job from the history', () => {
  it('renders its whole draft again: the title, the music and the trim', async () => {
    await engine.upload([video, music]);
    await engine.send("add title 'Urban Dreams' and music at 50%");
    await engine.send('keep the first 2 seconds');
    const draft = (await engine.state()).draft;
    expect(draft?.t.map((track) => track.tt)).toEqual([TrackType.video, TrackType.audio, TrackType.text]);

    // Canceled once it renders: the job ends without a file, to retry.
    const firstOut = join(dir, 'first');
    const exporting = engine.exportDraft({ outDir: firstOut }).catch(() => undefined);
    await until(() => engine.jobs().some((job) => job.status === 'rendering' && job.fraction > 0), 'the render to run', { ms: 120_000 });
    const canceled = engine.jobs()[0];
    engine.cancel(canceled.id);
    await exporting;
    stored = defaultStore(join(dir, 'store')).jobs().find((job) => job.id === canceled.id);
    expect(stored).toMatchObject({ status: 'canceled', resume: { draft: { t: expect.any(Array) } } });

    // The timeline moves on: no title, no music any more.
    await engine.send('remove the title and remove the music');
    expect((await engine.state()).draft?.t.map((track) => track.tt)).toEqual([TrackType.video]);

    const retryOut = join(dir, 'retried');
    await retryJob(engine, stored ?? canceled, { outDir: retryOut, cwd: dir, uploaded: [] });
    const retried = engine.jobs().at(-1);
    expect(retried?.id).not.toBe(canceled.id);
    expect(retried?.status, retried?.error).toBe('done');
    const output = retried?.output ?? '';
    expect(output).toBe(join(retryOut, 'city.compressed.mp4'));
    const info = await probe(output);
    expect(info.audio).toBeDefined(); // the music: the video has no sound of its own
    expect(info.durationSec).toBeCloseTo(2, 0); // the trim

    // The title: the same moment of the session's draft now (no title) looks different.
    const [untitled] = await engine.exportDraft({ outDir: join(dir, 'untitled') });
    expect((await probe(untitled.output)).audio).toBeUndefined();
    expect(await frameSsim(untitled.output, output, 1)).toBeLessThan(0.999);
  }, 420_000);

  it('uploads the files again, found by name, when the node lost the session it rendered in', async () => {
    expect(stored?.resume?.sessionId).toBeDefined();
    // The node restarts on wiped data: the session, its media and its token are gone.
    await restartOnWipedData();
    const notices: { text: string; jobId?: string }[] = [];
    engine.subscribe((event) => {
      if (event.name === 'notice') notices.push(event.payload);
    });

    // Recorded from a Chinese instruction: the render's notes come back in Chinese.
    const recorded = stored as JobRecord & { resume: ResumePoint };
    await retryJob(engine, { ...recorded, resume: { ...recorded.resume, language: 'zh' } }, { outDir: join(dir, 'after-loss'), cwd: dir, uploaded: [] });
    const retried = engine.jobs().at(-1);
    expect(retried?.status, retried?.error).toBe('done');
    expect(notices.map((notice) => notice.text)).toContain('The node no longer has the files of city.mp4: uploading them again.');
    const planNotes = notices.filter((notice) => notice.jobId === retried?.id).map((notice) => notice.text);
    expect(planNotes.length).toBeGreaterThan(0);
    for (const text of planNotes) expect(text).toMatch(/[\u4e00-\u9fff]/);
    const info = await probe(retried?.output ?? '');
    expect(info.audio).toBeDefined(); // the music came back too
    expect(info.durationSec).toBeCloseTo(2, 0);

    // Lost again, and the music is nowhere to be found: one line that names it, and no output.
    await restartOnWipedData();
    await rename(music, join(dir, 'moved.m4a'));
    await retryJob(engine, stored as JobRecord, { outDir: join(dir, 'missing'), cwd: dir, uploaded: [] }).catch(() => undefined);
    const failed = engine.jobs().at(-1);
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toMatch(/^Cannot retry city\.mp4 as it was rendered: the node no longer has its files, and lofi\.m4a is not found here\./);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  }, 420_000);
});

async function restartOnWipedData(): Promise<void> {
  engine.close();
  await node.close();
  await rm(join(dir, 'node'), { recursive: true, force: true });
  node = await startRenderNode({ dataDir: join(dir, 'node') });
  engine = createEngine({ apiBase: node.url, accessKey: node.accessKey, storeKey: 'node', store: defaultStore(join(dir, 'store')), env: {}, liveState: false, pollMs: 50 });
}
