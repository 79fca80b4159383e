import { describe, expect, it } from 'vitest';
import { workerPlanNote } from '../../src/server/plan-item.js';
import { planNoteText } from '../../src/wire/plan-note-words.js';
import type { PlanItem } from '../../src/wire/index.js';

// What a render worker says when its own plan is not the node's promise: nothing when they agree.

const promised: PlanItem = { mode: 'bitrate', codec: 'h264', container: 'mp4', encoder: 'h264_nvenc', passes: 1, width: 1280, height: 720, video_kbps: 900, audio: 'encode', audio_kbps: 96, target_bytes: 1e6 };

describe('workerPlanNote', () => {
  it('says nothing when the worker planned what was promised, sizes aside', () => {
    expect(workerPlanNote(promised, { ...promised, expected_bytes: 9e5 }, ['libx264', 'h264_nvenc'])).toBeUndefined();
  });

  it('names the missing encoder and every field that moved', () => {
    const planned: PlanItem = { ...promised, encoder: 'libx264', passes: 2, width: 960, height: 540, video_kbps: 880 };
    expect(workerPlanNote(promised, planned, ['libx264'])).toEqual({
      code: 'worker-plan',
      missingEncoder: 'h264_nvenc',
      differences: [
        { field: 'encoder', promised: 'h264_nvenc', ran: 'libx264' },
        { field: 'frame', promised: { width: 1280, height: 720 }, ran: { width: 960, height: 540 } },
        { field: 'video_kbps', promised: 900, ran: 880 },
        { field: 'passes', promised: 1, ran: 2 },
      ],
    });
  });

  it('is worded in both languages, each side as the plan shows it', () => {
    const note = workerPlanNote(promised, { ...promised, codec: 'av1', encoder: 'libaom-av1', width: 960, height: 540, audio: 'none', audio_kbps: undefined }, ['libaom-av1'])!;
    expect(planNoteText(note, 'en')).toBe(
      "The render worker's ffmpeg has no h264_nvenc, so it ran another plan than the one promised: codec H.264 → AV1, encoder h264_nvenc → libaom-av1, picture 1280x720 → 960x540, sound encoded → none, sound kbps 96 → none.",
    );
    expect(planNoteText(note, 'zh')).toBe('渲染工作机的 ffmpeg 没有 h264_nvenc，所以实际执行的方案与承诺的不同：编码格式 H.264 → AV1、编码器 h264_nvenc → libaom-av1、画面 1280x720 → 960x540、声音 重新编码 → 无、声音码率 kbps 96 → 无。');
  });

  it('with the encoder present, it is another build (no encoder named)', () => {
    expect(workerPlanNote(promised, { ...promised, fps: 24 }, ['h264_nvenc'])).toEqual({ code: 'worker-plan', differences: [{ field: 'fps', promised: undefined, ran: 24 }] });
  });
});
