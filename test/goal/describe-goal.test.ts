import { describe, expect, it } from 'vitest';
import { describeGoal, summarizeInstruction } from '../../src/goal/index.js';
import { formatBytes, formatSeconds } from '../../src/units.js';
import type { Goal, Intent } from '../../src/goal/index.js';
import type { Edits } from '../../src/goal/parse-types.js';

describe('describeGoal', () => {
  it.each<[Goal, string]>([
    [{}, '1080p · H.264 · keep audio · high quality'],
    [{ targetBytes: 100_000_000, quality: 'visually-lossless' }, '≤ 100 MB · 1080p · H.264 · keep audio · visually lossless'],
    [{ resolution: 720, container: 'mp4' }, '720p · H.264 · MP4 · keep audio · high quality'],
    [{ targetBytes: 10_000_000, platform: 'discord' }, 'Discord: ≤ 10 MB · 1080p · H.264 · keep audio · high quality'],
    [{ relativeSize: 0.5 }, '≤ 50% of the original size · 1080p · H.264 · keep audio · high quality'],
    [{ relativeSize: 1 / 3 }, '≤ 33.33% of the original size · 1080p · H.264 · keep audio · high quality'],
    [{ codec: 'h265', container: 'mkv', audio: 'mute', quality: 'small' }, '1080p · H.265 · MKV · no audio · smallest file'],
    [{ codec: 'av1', container: 'webm', audio: { bitrateKbps: 96 } }, '1080p · AV1 · WEBM · audio 96 kbps · high quality'],
    [{ fps: 30, speed: 'fast' }, '1080p · ≤ 30 fps · H.264 · keep audio · high quality · fast encode'],
    [{ aspect: '9:16', resolution: 1080, platform: 'tiktok' }, 'TikTok: 1080p · 9:16 vertical · H.264 · keep audio · high quality'],
    [{ speed: 'best', quality: 'balanced' }, '1080p · H.264 · keep audio · balanced quality · best compression (slow)'],
    [{ trim: { startSec: 0, endSec: 10 } }, '1080p · first 10 s · H.264 · keep audio · high quality'],
    [{ trim: { startSec: 5 } }, '1080p · from 5 s · H.264 · keep audio · high quality'],
    [{ trim: { startSec: 10, endSec: 45 } }, '1080p · 10 s to 45 s · H.264 · keep audio · high quality'],
    [{ trim: { startSec: 70, endSec: 125 } }, '1080p · 1:10 to 2:05 · H.264 · keep audio · high quality'],
    [{ trim: { startSec: -30 } }, '1080p · last 30 s · H.264 · keep audio · high quality'],
    [{ trim: { startSec: 0, endSec: -5 } }, '1080p · without the last 5 s · H.264 · keep audio · high quality'],
    [{ trim: { startSec: 3, endSec: -5 } }, '1080p · from 3 s to 5 s before the end · H.264 · keep audio · high quality'],
    [{ platform: 'no-such-platform' }, '1080p · H.264 · keep audio · high quality'],
  ])('%j → %s', (goal, line) => {
    expect(describeGoal(goal)).toBe(line);
  });
});

it('describes a goal holding values from outside the type without throwing', () => {
  const junk = { container: 42, codec: 'vp9', trim: { startSec: 'x' }, audio: {}, aspect: '7:3', platform: null } as unknown as Goal;
  expect(typeof describeGoal(junk)).toBe('string');
});

describe('formatBytes', () => {
  it.each<[number, string]>([
    [100_000_000, '100 MB'],
    [1_500_000_000, '1.5 GB'],
    [800_000, '800 KB'],
    [2 * 1024 * 1024, '2 MiB'],
    [2 * 1024 ** 3, '2 GiB'],
    [9_876_543, '9.88 MB'],
    [10 * 1024 * 1024, '10 MiB'],
    [412_080, '412 KB'],
    [9_349, '9.35 KB'],
    [512, '512 bytes'],
    [0, '0 bytes'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('formatSeconds', () => {
  it.each<[number, string]>([
    [0, '0 s'],
    [9.5, '9.5 s'],
    [60, '1:00'],
    [140, '2:20'],
    [3723, '1:02:03'],
  ])('%d → %s', (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });
});

describe('summarizeInstruction', () => {
  it.each<[Intent, Goal, string]>([
    ['compress', { targetBytes: 10_000_000 }, '≤ 10 MB · 1080p · H.264 · keep audio · high quality'],
    ['export', { resolution: 1080, container: 'mp4' }, 'export · 1080p · H.264 · MP4 · keep audio · high quality'],
    ['upload', {}, 'upload a video'],
    ['upload', { targetBytes: 10_000_000 }, 'upload a video, then ≤ 10 MB · 1080p · H.264 · keep audio · high quality'],
    ['credits', {}, 'show the credit balance'],
    ['status', {}, 'show the session status and tracks'],
    ['help', {}, 'show what I can do'],
    ['unknown', {}, 'not understood'],
  ])('%s %j → %s', (intent, goal, line) => {
    expect(summarizeInstruction({ intent, goal })).toBe(line);
  });

  it.each<[Intent, Goal, Edits, string]>([
    ['compress', {}, { title: { text: 'Urban Dreams' }, music: { volume: 0.35 } }, 'title "Urban Dreams" · music at 35%'],
    ['compress', { targetBytes: 10_000_000 }, { music: {} }, '≤ 10 MB · 1080p · H.264 · keep audio · high quality · background music'],
    ['export', {}, { title: null, music: null }, 'export · 1080p · H.264 · keep audio · high quality · no title · no background music'],
  ])('%s %j with edits %j → %s', (intent, goal, edits, line) => {
    expect(summarizeInstruction({ intent, goal, edits })).toBe(line);
  });
});
