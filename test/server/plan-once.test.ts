import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities } from '../../src/media/index.js';
import { planResponseSchema } from '../../src/wire/index.js';
import { makeClip } from '../helpers/clips.js';
import { message, newSession, startExport, startTestNode, upload, waitForRender, type Turn } from './node-harness.js';

// The agent and the render plan with the same function and the same machine: what the chat
// promises is what runs. AV1 shows it on Debian's ffmpeg, which has SVT-AV1 (a planner without
// the machine's capabilities promises libaom-av1, two-pass, and the render runs SVT-AV1, one pass).
// On the bundled 2018 build (no SVT-AV1) the test is skipped: its two-pass libaom may top up the
// rate after an undershoot, a change the output's notes report, so the plans need not match there.

let dir: string;
let clip: string;
let started: Awaited<ReturnType<typeof startTestNode>>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plan-once-'));
  // No sound: the measured sound would move the picture's rate after the plan, as the render's notes say.
  clip = await makeClip(dir, { width: 160, height: 120, seconds: 1 });
  started = await startTestNode();
});
afterAll(async () => {
  await started.cleanup();
  await rm(dir, { recursive: true, force: true });
});

/** The items of the turn's 'plan' step, read as a client reads them. */
function plannedItems(turn: Turn) {
  const responses = turn.events.flatMap((event) => event.content.parts.map((part: any) => part.functionResponse)).filter((response) => response?.name === 'plan');
  expect(responses).toHaveLength(1);
  return planResponseSchema.parse(responses[0].response).items;
}

describe('one plan for a turn and its render', () => {
  it("the plan a turn promises (frame, rates, sound, encoder, passes) is the plan the render runs, with this machine's encoder", async (ctx) => {
    if (!(await capabilities()).encoders.includes('libsvtav1')) ctx.skip();
    const base = started.node.url;
    const { token, sessionId } = await newSession(base);
    expect((await upload(base, token, sessionId, [clip], ['trip.mp4'])).code).toBe(0);

    const turn = await message(base, token, sessionId, 'compress this video to under 1MB as webm');
    const promised = plannedItems(turn);
    expect(promised).toEqual([expect.objectContaining({ name: 'trip.mp4', mode: 'bitrate', codec: 'av1', encoder: 'libsvtav1', passes: 1, audio: 'none' })]);
    // The reply names what will run, too.
    expect(turn.events.at(-1).content.parts[0].text).toContain(`with libsvtav1, single pass ${promised[0].video_kbps} kbps`);

    expect((await startExport(base, token, sessionId, 'render_plan_once')).code).toBe(0);
    const done = await waitForRender(base, token, 'render_plan_once');
    expect(done.status).toBe('completed');
    expect(done.outputs.map((output: any) => output.plan)).toEqual(promised.map(({ name: _name, ...plan }) => plan));
  });
});
