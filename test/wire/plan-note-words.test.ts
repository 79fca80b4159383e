import { describe, expect, it } from 'vitest';
import { planEncode, type PlanNote } from '../../src/media/index.js';
import { PLAN_NOTE_WORDS, planNoteText } from '../../src/wire/plan-note-words.js';
import { SAMPLES } from '../helpers/plan-note-samples.js';
import { stringValues, strayLatin } from '../helpers/wording-checks.js';

// The media core's notes, worded in both languages: one sample of every code, said in each.

const CHINESE = /[\u4e00-\u9fff]/;
const notes: PlanNote[] = Object.values(SAMPLES);

describe('the plan note wording tables', () => {
  it('word every code in both languages, and nothing else', () => {
    expect(Object.keys(PLAN_NOTE_WORDS.en).sort()).toEqual(Object.keys(SAMPLES).sort());
    expect(Object.keys(PLAN_NOTE_WORDS.zh).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(notes.map((note) => [note.code, note] as const))('%s: English without Chinese, Chinese without English words', (_, note) => {
    const [en, zh] = [planNoteText(note, 'en'), planNoteText(note, 'zh')];
    expect(en).not.toMatch(CHINESE);
    expect(zh).toMatch(CHINESE);
    expect(strayLatin(zh, stringValues(note))).toBe('');
  });

  it('keeps the English the render wire always carried', () => {
    expect(planNoteText(SAMPLES['size-overshot'], 'en')).toBe('Came out at 2.1 MB, over 2 MB: re-encoded at 700 kbps, 15 fps.');
    expect(planNoteText(SAMPLES['quality-search'], 'en')).toBe(
      'Quality search: CRF 24 (the best tried) reaches VMAF 95.8 (5th percentile 91.2), short of the VMAF 95 (on samples) asked for, on 12.0 s of samples (3 tries).',
    );
  });

  it('says a short clip was measured whole, each try a full encode', () => {
    const whole: PlanNote = { ...SAMPLES['quality-search'], passed: true, sampleSec: 2, tries: 2, whole: true } as PlanNote;
    expect(planNoteText(whole, 'en')).toBe('Quality search: CRF 24 keeps VMAF 95.8 (5th percentile 91.2) on the whole clip (2 tries, each a full encode).');
    expect(planNoteText(whole, 'zh')).toContain('在整段视频上测得（试了 2 次，每次都是完整编码）');
  });
});

describe('a resolution the source does not reach', () => {
  const source = (sizeBytes: number) =>
    ({
      path: 'small.mp4', container: 'mov,mp4,m4a,3gp,3g2,mj2', durationSec: 10, sizeBytes, bitrate: (sizeBytes * 8) / 10,
      video: { codec: 'h264', width: 640, height: 480, displayWidth: 640, displayHeight: 480, avgFps: 30, bitDepth: 8, variableFrameRate: false },
      audio: { codec: 'aac', channels: 2, sampleRate: 48000, bitrate: 128000 },
    }) as never;

  it.each([
    ['encoded', 5e6, { resolution: 720, targetBytes: 2e6 }],
    ['at constant quality', 5e6, { resolution: 720 }],
    ['copied, since it already fits', 1e6, { resolution: 720, targetBytes: 2e6 }],
  ])('says "720p" of a 640x480 source keeps its size, in both languages (%s)', (_, bytes, goal) => {
    const plan = planEncode(goal, source(bytes));
    expect([plan.width, plan.height]).toEqual([640, 480]);
    const note = plan.notes.find((found) => found.code === 'source-smaller');
    expect(note).toEqual({ code: 'source-smaller', askedShortSide: 720, width: 640, height: 480 });
    expect(planNoteText(note as PlanNote, 'en')).toBe('720p asked for, but the source is only 640x480: it stays at its own size (no upscale).');
    expect(planNoteText(note as PlanNote, 'zh')).toBe('要求 720p，但源视频只有 640x480，比要求的小：保持原尺寸，不放大。');
  });

  it('says nothing of it when the source is as big as asked', () => {
    expect(planEncode({ resolution: 480, targetBytes: 2e6 }, source(5e6)).notes.map((note) => note.code)).not.toContain('source-smaller');
  });
});
