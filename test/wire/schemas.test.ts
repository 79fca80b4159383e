import { describe, expect, it } from 'vitest';
import { draftSchema, exportRequest, goalSchema, planResponseSchema, readWire } from '../../src/wire/index.js';

// The wire's schemas by table: what they accept, and the one sentence that names what they refuse.

describe('goalSchema', () => {
  it.each([
    [{}],
    [{ targetBytes: 10_000_000, resolution: 720, fps: 30, container: 'webm', codec: 'av1', audio: { bitrateKbps: 96 } }],
    [{ trim: { startSec: -30 } }],
    [{ trim: { startSec: 0, endSec: -5 } }],
    [{ relativeSize: 0.5, quality: 'small', aspect: '9:16', speed: 'best', platform: 'discord' }],
  ])('accepts %j as it is', (goal) => {
    expect(readWire(goalSchema, goal)).toEqual({ ok: true, value: goal });
  });

  it.each([
    [{ container: 'mp4/../../x' }, 'The field "container" must be one of "mp4", "webm", "mov", "mkv".'],
    [{ resolution: 0 }, 'The field "resolution" must be at least 144.'],
    [{ resolution: 5000 }, 'The field "resolution" must be at most 4320.'],
    [{ fps: 'NaN' }, 'The field "fps" must be a number.'],
    [{ trim: { startSec: 3, endSec: 1 } }, 'The field "trim" must end after it starts.'],
    [{ trim: {} }, 'The field "trim.startSec" is missing.'],
    [{ relativeSize: 1 }, 'The field "relativeSize" must be less than 1.'],
    [{ outName: 'x' }, 'The field "body" has a setting this node does not know (outName).'],
  ])('refuses %j: %s', (goal, sentence) => {
    expect(readWire(goalSchema, goal)).toEqual({ ok: false, problem: sentence });
  });
});

describe('draftSchema and exportRequest', () => {
  it('fills what a draft may leave out and drops keys the node does not use', () => {
    const read = readWire(draftSchema, { t: [{ tt: 0, sg: [{ src: 'm_a', s: 0, d: 1000, extra: 1 }] }], cloud: true });
    expect(read).toEqual({ ok: true, value: { t: [{ tt: 0, sg: [{ src: 'm_a', s: 0, d: 1000, m: {} }], m: {} }], d: 0, m: {} } });
  });

  it('names the field deep in a draft, with a short excerpt of a hostile key', () => {
    const read = readWire(exportRequest, { id: 'r', draft: { t: [{ tt: 0, sg: [{ s: 0, d: 1, m: { goal: { ['k'.repeat(100)]: 1 } } }] }] } });
    expect(read).toEqual({ ok: false, problem: `The field "draft.t[0].sg[0].m.goal" has a setting this node does not know (${'k'.repeat(40)}…).` });
  });
});

describe('planResponseSchema', () => {
  const item = { name: 'trip.mp4', mode: 'bitrate', codec: 'av1', container: 'webm', encoder: 'libsvtav1', passes: 1, width: 640, height: 360, video_kbps: 900, audio: 'encode', audio_kbps: 96, expected_bytes: 700_000, target_bytes: 1_000_000 };

  it.each([
    ['a size-target plan', { items: [item] }],
    ['a copy, with no rates', { items: [{ name: 'a.mp4', mode: 'copy', codec: 'h264', container: 'mp4', encoder: 'copy', passes: 0, width: 320, height: 240, audio: 'copy' }] }],
    ['a quality plan at a lowered frame rate', { items: [{ ...item, mode: 'crf', crf: 28, video_kbps: undefined, fps: 24 }] }],
    ['a draft with no video', { items: [] }],
  ])('accepts %s as it is', (_name, response) => {
    expect(readWire(planResponseSchema, response)).toEqual({ ok: true, value: JSON.parse(JSON.stringify(response)) });
  });

  it('drops keys a client does not use (another node may send more)', () => {
    expect(readWire(planResponseSchema, { items: [{ ...item, preset: '8' }], goal: {} })).toEqual({ ok: true, value: { items: [item] } });
  });

  it.each([
    [{ items: [{ ...item, mode: 'fast' }] }, 'The field "items[0].mode" must be one of "copy", "bitrate", "crf".'],
    [{ items: [{ ...item, passes: 3 }] }, 'The field "items[0].passes" must be at most 2.'],
    [{ items: [{ ...item, encoder: undefined }] }, 'The field "items[0].encoder" is missing.'],
    [{ items: [{ ...item, width: -1 }] }, 'The field "items[0].width" must be at least 0.'],
    [{ items: [{ ...item, name: undefined }] }, 'The field "items[0].name" is missing.'],
    [{ ok: true }, 'The field "items" is missing.'],
  ])('refuses %j: %s', (response, sentence) => {
    expect(readWire(planResponseSchema, response)).toEqual({ ok: false, problem: sentence });
  });
});
