import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '../helpers/clips.js';
import { call, newSession, startExport, startTestNode, upload, waitForRender } from './node-harness.js';

// What the outside probe found: the export draft's settings reached the encoder's temp path
// unchecked, so a crafted container deleted any file the node's user could delete. Every body is
// now read by the wire's schemas; these go through the real export route of a real node.

let dir: string;
let sentinel: string;
let victim: string;
let started: Awaited<ReturnType<typeof startTestNode>>;
let token: string;
let sessionId: string;
let draft: any;
let renders = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wire-'));
  sentinel = join(dir, 'sentinel');
  await mkdir(sentinel);
  victim = join(sentinel, 'victim.txt');
  await writeFile(victim, 'still here');
  const clip = await makeClip(dir, { width: 160, height: 120, seconds: 1 });
  started = await startTestNode();
  ({ token, sessionId } = await newSession(started.node.url));
  const uploaded = await upload(started.node.url, token, sessionId, [clip]);
  expect(uploaded.code).toBe(0);
  draft = (await call(started.node.url, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token })).data.state.draft;
});
afterAll(async () => {
  await started?.cleanup();
  await rm(dir, { recursive: true, force: true });
});

function exportWith(m: unknown, extra: Record<string, unknown> = {}) {
  return startExport(started.node.url, token, sessionId, `render_${++renders}`, { ...draft, m, ...extra });
}

describe('the export route reads the draft by schema', () => {
  it('refuses a container that climbs out of the data folder, and the file it names survives', async () => {
    const container = `mp4/${'../'.repeat(20)}${victim.slice(1)}`;
    const answer = await exportWith({ container });
    expect([answer.status, answer.code]).toEqual([400, 400]);
    expect(answer.message).toBe('The field "draft.m.container" must be one of "mp4", "webm", "mov", "mkv".');
    expect(await readFile(victim, 'utf8')).toBe('still here');
    expect(await readdir(sentinel)).toEqual(['victim.txt']);
    // Nothing was queued: the poll does not know the id.
    expect((await call(started.node.url, 'GET', `/api/render/proxy/lambda/render_${renders}`, { token })).code).toBe(404);
  });

  it.each([
    [{ resolution: 0 }, 'draft.m.resolution', 'must be at least 144'],
    [{ resolution: 720.5 }, 'draft.m.resolution', 'must be a whole number'],
    [{ trim: { startSec: '1' } }, 'draft.m.trim.startSec', 'must be a number'],
    [{ trim: { startSec: 5, endSec: 2 } }, 'draft.m.trim', 'must end after it starts'],
    [{ codec: { encoder: 'x' } }, 'draft.m.codec', 'must be one of'],
    [{ audio: { bitrate: 1 } }, 'draft.m.audio', 'has a value this node does not accept'],
    [{ fps: 1e308 }, 'draft.m.fps', 'must be at most 240'],
    [{ targetBytes: -5 }, 'draft.m.targetBytes', 'must be at least 1'],
    [{ aspect: '21:9' }, 'draft.m.aspect', 'must be one of'],
    [{ speed: 'ultrafast' }, 'draft.m.speed', 'must be one of'],
    [{ platform: 'myspace' }, 'draft.m.platform', 'must be one of'],
    [JSON.parse('{"__proto__": {"container": "x"}}'), 'draft.m', 'has a setting this node does not know (__proto__)'],
  ])('refuses m = %j with a 400 naming %s', async (m, field, says) => {
    const answer = await exportWith(m);
    expect([answer.status, answer.code]).toEqual([400, 400]);
    expect(answer.message).toContain(`"${field}" ${says}`);
    expect(answer.message).not.toMatch(/Cannot read|is not a function|undefined|zod|Expected|received/i);
  });

  it.each([
    [{ t: [{ tt: 0, sg: [{ src: 'm_x', s: 0, d: 1000, m: { goal: { container: '../x' } } }] }] }, 'draft.t[0].sg[0].m.goal.container'],
    [{ t: [{ tt: 0, sg: [{ src: 7, s: 0, d: 1000 }] }] }, 'draft.t[0].sg[0].src'],
    [{ t: [{ tt: 0, sg: [{ s: -1, d: 1000 }] }] }, 'draft.t[0].sg[0].s'],
    [{ t: [{ tt: 3, sg: [] }] }, 'draft.t[0].tt'],
    [{ t: 'x' }, 'draft.t'],
    [{ t: [{ tt: 7, sg: [{ s: 0, d: 1000, m: { text: 'x'.repeat(10_000) } }] }] }, 'draft.t[0].sg[0].m.text'],
  ])('refuses the timeline %j with a 400 naming %s', async (timeline, field) => {
    const answer = await startExport(started.node.url, token, sessionId, `render_${++renders}`, { m: {}, ...timeline });
    expect([answer.status, answer.code]).toEqual([400, 400]);
    expect(answer.message).toContain(`"${field}"`);
  });

  it.each([
    [{ sessionId, draft: {} }, 'id'],
    [{ id: 5, sessionId }, 'id'],
    [{ id: 'r', sessionId, output: { format: 'exe' } }, 'output.format'],
  ])('refuses the body %j with a 400 naming %s', async (body, field) => {
    const answer = await call(started.node.url, 'POST', '/api/render/proxy/lambda', { token, json: body });
    expect([answer.status, answer.code]).toEqual([400, 400]);
    expect(answer.message).toContain(`"${field}"`);
  });

  it('still renders a well-formed draft', async () => {
    const answer = await exportWith({ container: 'mkv', resolution: 144, trim: { startSec: 0, endSec: 0.5 } });
    expect(answer.code).toBe(0);
    const done = await waitForRender(started.node.url, token, answer.data.id);
    expect(done.status).toBe('completed');
    expect(done.output.url).toMatch(/\.mkv$/);
  });
});

describe('the other bodies are read by schema too', () => {
  it('refuses a message whose parts are not a list', async () => {
    const answer = await call(started.node.url, 'POST', '/run_sse', { token, json: { session_id: sessionId, new_message: { parts: 'hi' } } });
    expect([answer.status, answer.message]).toEqual([400, 'The field "new_message.parts" must be a list.']);
  });

  it('refuses URL uploads that are not a list of URLs', async () => {
    const answer = await call(started.node.url, 'POST', `/api/upload-video/nemo_agent/me/${sessionId}`, { token, json: { urls: [1] } });
    expect([answer.status, answer.message]).toEqual([400, 'The field "urls[0]" must be text.']);
  });
});
