import { describe, expect, it } from 'vitest';
import { guiActions } from '../../src/engine/gui-phrases.js';
import { describePlan, helpReply, planReply, questionReply, timelineReply, uploadReply, type PlannedItem } from '../../src/server/agent-reply.js';
import { addSegment, emptyDraft, setMuted } from '../../src/server/draft.js';
import { TrackType } from '../../src/wire/index.js';
import { encodePlan as plan } from '../helpers/encode-plan.js';


describe('describePlan', () => {
  it.each([
    [plan({ videoKbps: 2400, expectedBytes: 24_300_000, targetBytes: 25_000_000 }), '1280x720 H264 MP4 with libx264, two-pass 2400 kbps, audio 128 kbps, about 24.3 MB (under 25 MB)'],
    [plan({ videoKbps: 2400, encoder: 'h264_nvenc' }), '1280x720 H264 MP4 with h264_nvenc, single pass 2400 kbps, audio 128 kbps'],
    [plan({ videoKbps: 900, codec: 'av1', container: 'webm', encoder: 'libsvtav1', audio: { mode: 'none' } }), '1280x720 AV1 WEBM with libsvtav1, single pass 900 kbps, no audio'],
    [plan({ mode: 'crf', crf: 21, audio: { mode: 'copy' } }), '1280x720 H264 MP4 with libx264, CRF 21'],
    [plan({ mode: 'crf', crf: 30, codec: 'h265', encoder: 'libx265', audio: { mode: 'none' } }), '1280x720 H265 MP4 with libx265, CRF 30, no audio'],
    [plan({ mode: 'copy' }), 'already fits: copied as it is, no re-encode (MP4)'],
  ])('%#', (value, line) => {
    expect(describePlan(value)).toBe(line);
  });
});

describe('replies', () => {
  const info = { container: 'mov', durationSec: 62, sizeBytes: 180e6, bitrate: 1, video: { displayWidth: 1920, displayHeight: 1080 } } as never;

  it('says what it understood, the plan per item with its notes, and what to say next', () => {
    const text = planReply('under 25 MB', [{ name: 'trip.mov', info, plan: plan({ videoKbps: 2400, notes: [{ code: 'bitrate-unused', usedKbps: 2400, availableKbps: 3000 }] }) }], ['Which one?']);
    expect(text.split('\n')).toEqual([
      'Understood: under 25 MB.',
      'Here is the plan:',
      '1. trip.mov (1920x1080, 62.0 s, 180 MB) → 1280x720 H264 MP4 with libx264, two-pass 2400 kbps, audio 128 kbps',
      '   - Only 2400 kbps of the 3000 available is used: more would not look better than the source.',
      'Click Export when you are ready, or tell me what to change (e.g. "make it 720p", "mute it").',
      'Note: Which one?',
    ]);
  });

  it('with no files yet, says how to upload', () => {
    expect(planReply('720p', [], [])).toMatch(/Upload a video first/);
  });

  it('asks a question with examples when it did not understand', () => {
    const text = questionReply(['penguins'], []);
    expect(text).toMatch(/did not understand "penguins"/);
    expect(text).toMatch(/compress this video to under 100MB/);
    expect(helpReply()).toMatch(/for example/i);
    expect(helpReply()).toMatch(/background music/);
  });

  it('asks a client for no GUI action: "drop", "drag" or "click export" would be run, the first sent back as an edit', () => {
    const withVideo = addSegment(emptyDraft(), TrackType.video, { src: 'm_a', s: 0, d: 10_000, m: { name: 'city.mp4' } });
    const replies = [planReply('720p', [], []), helpReply(), uploadReply(emptyDraft(), {}), uploadReply(withVideo, {}), timelineReply(emptyDraft(), {}), questionReply([], [])];
    for (const reply of replies) expect([reply, guiActions(reply)]).toEqual([reply, []]);
  });

  it('ends a plan in the GUI wording a client turns into its export', () => {
    const item = { name: 'trip.mov', info: { durationSec: 62, sizeBytes: 180e6 }, plan: plan({ videoKbps: 2400, expectedBytes: 24e6, targetBytes: 25e6 }) } as PlannedItem;
    expect(guiActions(planReply('under 25 MB', [item], []))).toEqual([{ kind: 'export' }]);
  });

  it('shows the timeline in the brief style, the mute in the output line', () => {
    let draft = addSegment(emptyDraft(), TrackType.video, { src: 'm_a', s: 0, d: 10_000, m: { name: 'city.mp4' } });
    draft = setMuted({ ...draft, m: { targetBytes: 10e6 } }, true);
    expect(timelineReply(draft, {})).toBe('Timeline (1 video):\n1. Video: city.mp4 (0-10s)\nOutput: ≤ 10 MB · ≤ 1080p · H.264 · no audio · high quality.');
    expect(timelineReply(emptyDraft(), {})).toMatch(/empty/);
  });
});
