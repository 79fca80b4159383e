import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Remark } from '../../src/goal/remarks.js';
import { emptyDraft, addSegment } from '../../src/server/draft.js';
import { acceptOffer, lengthQuestion } from '../../src/server/length-offer.js';
import { segmentsOf, TrackType, type Draft } from '../../src/wire/draft.js';
import { makeClip } from '../helpers/clips.js';
import { message, newSession, startTestNode, upload } from './node-harness.js';

// A platform's length limit is asked about the videos the session holds, and a "yes" trims them.

const X_LENGTH: Remark = { code: 'platform-length', platform: 'x', limitSec: 140 };

function draftOf(...videos: { name: string; s?: number; d: number }[]): Draft {
  return videos.reduce((draft, { name, s = 0, d }) => addSegment(draft, TrackType.video, { src: name, s, d, m: { name } }), emptyDraft());
}

describe('lengthQuestion', () => {
  it('keeps the general remark while there is no video to measure', () => {
    expect(lengthQuestion([X_LENGTH], emptyDraft())).toEqual({ remarks: [X_LENGTH] });
  });

  it('drops it when every video fits (at the limit exactly too)', () => {
    const other: Remark = { code: 'hdr-tone-mapped' };
    expect(lengthQuestion([other, X_LENGTH], draftOf({ name: 'a.mp4', d: 30_000 }, { name: 'b.mp4', d: 140_000 }))).toEqual({ remarks: [other] });
  });

  it('names the longer ones, their length rounded up, and offers to trim those alone', () => {
    const draft = draftOf({ name: 'a.mp4', d: 30_000 }, { name: 'b.mp4', d: 140_200 }, { name: 'c.mp4', d: 600_000 });
    const [, b, c] = segmentsOf(draft, TrackType.video);
    expect(lengthQuestion([X_LENGTH], draft)).toEqual({
      remarks: [{ code: 'platform-too-long', platform: 'x', limitSec: 140, longer: [{ name: 'b.mp4', lengthSec: 141 }, { name: 'c.mp4', lengthSec: 600 }] }],
      offer: { limitSec: 140, ids: [b.id, c.id] },
    });
  });

  it('asks only about the videos the platform was named for', () => {
    const draft = draftOf({ name: 'a.mp4', d: 600_000 }, { name: 'b.mp4', d: 600_000 });
    const [, b] = segmentsOf(draft, TrackType.video);
    expect(lengthQuestion([X_LENGTH], draft, { ids: new Set([b.id ?? '']) })).toMatchObject({
      remarks: [{ code: 'platform-too-long', longer: [{ name: 'b.mp4' }] }],
      offer: { ids: [b.id] },
    });
  });
});

describe('acceptOffer', () => {
  const sourceMs = () => 600_000;

  it('keeps the first part of each offered video from where it starts now, and leaves the others', () => {
    const draft = draftOf({ name: 'a.mp4', d: 200_000 }, { name: 'b.mp4', s: 60_000, d: 300_000 }, { name: 'c.mp4', d: 200_000 });
    const [a, b, c] = segmentsOf(draft, TrackType.video);
    const taken = acceptOffer(draft, { limitSec: 140, ids: [a.id ?? '', b.id ?? ''] }, sourceMs);
    expect(taken?.names).toEqual(['a.mp4', 'b.mp4']);
    expect(segmentsOf(taken?.draft ?? draft, TrackType.video).map(({ s, d }) => [s, d])).toEqual([[0, 140_000], [60_000, 140_000], [0, c.d]]);
    expect(taken?.draft.d).toBe(480_000);
  });

  it('is nothing when the offered videos are gone', () => {
    expect(acceptOffer(draftOf({ name: 'a.mp4', d: 200_000 }), { limitSec: 140, ids: ['sg-gone'] }, sourceMs)).toBeUndefined();
  });
});

describe('a real node', () => {
  let dir: string;
  let long: string;
  let short: string;
  let started: Awaited<ReturnType<typeof startTestNode>>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'length-offer-'));
    // Longer than X's 2:20, made cheap: a tiny picture at one frame a second.
    long = await makeClip(dir, { width: 64, height: 48, seconds: 150, fps: 1, name: 'long.mp4' });
    short = await makeClip(dir, { width: 64, height: 48, seconds: 1, name: 'short.mp4' });
    started = await startTestNode();
  });
  afterAll(async () => {
    await started.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  const replyOf = (turn: Awaited<ReturnType<typeof message>>): string => turn.events.at(-1).content.parts[0].text;
  const draftAfter = (turn: Awaited<ReturnType<typeof message>>): Draft | undefined => turn.events.at(-1).actions.stateDelta.draft;
  const lengths = (draft: Draft | undefined) => segmentsOf(draft ?? emptyDraft(), TrackType.video).map((segment) => [segment.m.name, segment.d]);

  it('asks about the video that is too long, and a "yes" trims it alone and plans it', async () => {
    const base = started.node.url;
    const { token, sessionId } = await newSession(base);
    await upload(base, token, sessionId, [long, short]);

    const asked = replyOf(await message(base, token, sessionId, 'make all of them fit twitter'));
    expect(asked).toMatch(/X \(Twitter\) takes videos up to 2:20 and long\.mp4 is 2:30: shall I keep only its first 2:20\? Say “yes” to trim it\./);
    expect(asked).not.toMatch(/If yours is longer/);

    const yes = await message(base, token, sessionId, 'yes');
    // Read as "first 2:20" said of that file.
    expect(replyOf(yes)).toMatch(/^Understood: [^\n]*first 2:20[^\n]* — for long\.mp4 \(all settings for it now: X \(Twitter\): /);
    expect(replyOf(yes)).toMatch(/Here is the plan for each of the 2 videos:\n1\. long\.mp4 .*\n   - Trim: 0\.0–140\.0 s/);
    expect(lengths(draftAfter(yes))).toEqual([['long.mp4', 140_000], ['short.mp4', 1000]]);

    // The offer was taken up: a second "yes" is only a yes.
    const again = await message(base, token, sessionId, 'yes');
    expect(replyOf(again)).toMatch(/^Click Export when you are ready/);
    expect(draftAfter(again)).toBeUndefined();
  });

  it('leaves the length on a "no" (in Chinese too), and the offer lapses with any other message', async () => {
    const base = started.node.url;
    const { token, sessionId } = await newSession(base);
    await upload(base, token, sessionId, [long]);

    expect(replyOf(await message(base, token, sessionId, '发到推特'))).toMatch(/X \(Twitter\) 只收 2分20秒 以内的视频，long\.mp4 有 2:30：要只保留前 2分20秒 吗？说“好”就剪。/);
    const no = await message(base, token, sessionId, '不用');
    expect(replyOf(no)).toBe('好的，时长保持不变。');
    expect(draftAfter(no)).toBeUndefined();
    expect(replyOf(await message(base, token, sessionId, 'yes'))).toMatch(/^Click Export when you are ready/);

    // "never mind" is a no too; said with nothing asked, it is how to go on, not a word not understood.
    await message(base, token, sessionId, 'make it fit x');
    expect(replyOf(await message(base, token, sessionId, 'never mind'))).toBe('All right, the length stays as it is.');
    expect(replyOf(await message(base, token, sessionId, 'never mind'))).toMatch(/^Click Export when you are ready/);

    await message(base, token, sessionId, 'make it fit x');
    await message(base, token, sessionId, 'mute it');
    const late = await message(base, token, sessionId, 'yes');
    expect(replyOf(late)).toMatch(/^Click Export when you are ready/);
    expect(draftAfter(late)).toBeUndefined();
  });

  it('says nothing of the limit when the video fits', async () => {
    const base = started.node.url;
    const { token, sessionId } = await newSession(base);
    await upload(base, token, sessionId, [short]);
    const reply = replyOf(await message(base, token, sessionId, 'make it fit twitter'));
    expect(reply).toMatch(/^Understood: X \(Twitter\): /);
    expect(reply).not.toMatch(/2:20/);
  });
});
