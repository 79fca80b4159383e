import { describe, expect, it } from 'vitest';
import { workerPlanNote } from '../../src/server/plan-item.js';
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

  it('with the encoder present, it is another build (no encoder named)', () => {
    expect(workerPlanNote(promised, { ...promised, fps: 24 }, ['h264_nvenc'])).toEqual({ code: 'worker-plan', differences: [{ field: 'fps', promised: undefined, ran: 24 }] });
  });
});
