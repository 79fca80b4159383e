import { describe, expect, it } from 'vitest';
import { describeGoal, summarizeInstruction } from '../../src/goal/index.js';
import { formatBytes, formatSeconds } from '../../src/units.js';
import type { Goal, Intent } from '../../src/goal/index.js';
import type { Edits } from '../../src/goal/parse-types.js';

describe('describeGoal', () => {
  // Each goal in both languages: every English line has its Chinese counterpart.
  it.each<[Goal, string, string]>([
    [{}, '≤ 1080p · H.264 · keep audio · high quality', '≤ 1080p · H.264 · 保留声音 · 高质量'],
    [{ targetBytes: 100_000_000, quality: 'visually-lossless' }, '≤ 100 MB · source resolution · H.264 · keep audio · visually lossless', '≤ 100 MB · 原分辨率 · H.264 · 保留声音 · 视觉无损'],
    [{ quality: 'visually-lossless', resolution: 720 }, '≤ 720p · H.264 · keep audio · visually lossless', '≤ 720p · H.264 · 保留声音 · 视觉无损'],
    [{ resolution: 720, container: 'mp4' }, '≤ 720p · H.264 · MP4 · keep audio · high quality', '≤ 720p · H.264 · MP4 · 保留声音 · 高质量'],
    [{ targetBytes: 10_000_000, platform: 'discord' }, 'Discord: ≤ 10 MB · ≤ 1080p · H.264 · keep audio · high quality', 'Discord：≤ 10 MB · ≤ 1080p · H.264 · 保留声音 · 高质量'],
    [{ relativeSize: 0.5 }, '≤ 50% of the original size · ≤ 1080p · H.264 · keep audio · high quality', '≤ 原大小的 50% · ≤ 1080p · H.264 · 保留声音 · 高质量'],
    [{ relativeSize: 1 / 3 }, '≤ 33.33% of the original size · ≤ 1080p · H.264 · keep audio · high quality', '≤ 原大小的 33.33% · ≤ 1080p · H.264 · 保留声音 · 高质量'],
    [{ codec: 'h265', container: 'mkv', audio: 'mute', quality: 'small' }, '≤ 1080p · H.265 · MKV · no audio · smallest file', '≤ 1080p · H.265 · MKV · 静音 · 尽量小'],
    [{ codec: 'av1', container: 'webm', audio: { bitrateKbps: 96 } }, '≤ 1080p · AV1 · WEBM · audio 96 kbps · high quality', '≤ 1080p · AV1 · WEBM · 音频 96 kbps · 高质量'],
    // WebM is written in AV1 whatever was asked (the plan says so in a note): the goal line does not promise H.264.
    [{ container: 'webm' }, '≤ 1080p · AV1 · WEBM · keep audio · high quality', '≤ 1080p · AV1 · WEBM · 保留声音 · 高质量'],
    [{ codec: 'h264', container: 'webm' }, '≤ 1080p · AV1 · WEBM · keep audio · high quality', '≤ 1080p · AV1 · WEBM · 保留声音 · 高质量'],
    [{ fps: 30, speed: 'fast' }, '≤ 1080p · ≤ 30 fps · H.264 · keep audio · high quality · fast encode', '≤ 1080p · ≤ 30 fps · H.264 · 保留声音 · 高质量 · 快速编码'],
    [{ aspect: '9:16', resolution: 1080, platform: 'tiktok' }, 'TikTok: ≤ 1080p · 9:16 vertical · H.264 · keep audio · high quality', 'TikTok：≤ 1080p · 9:16 竖屏 · H.264 · 保留声音 · 高质量'],
    [{ speed: 'best', quality: 'balanced' }, '≤ 1080p · H.264 · keep audio · balanced quality · best compression (slow)', '≤ 1080p · H.264 · 保留声音 · 均衡画质 · 最佳压缩（较慢）'],
    [{ trim: { startSec: 0, endSec: 10 } }, '≤ 1080p · first 10 s · H.264 · keep audio · high quality', '≤ 1080p · 前 10 s · H.264 · 保留声音 · 高质量'],
    [{ trim: { startSec: 5 } }, '≤ 1080p · from 5 s · H.264 · keep audio · high quality', '≤ 1080p · 从 5 s 起 · H.264 · 保留声音 · 高质量'],
    [{ trim: { startSec: 10, endSec: 45 } }, '≤ 1080p · 10 s to 45 s · H.264 · keep audio · high quality', '≤ 1080p · 10 s 到 45 s · H.264 · 保留声音 · 高质量'],
    [{ trim: { startSec: 70, endSec: 125 } }, '≤ 1080p · 1:10 to 2:05 · H.264 · keep audio · high quality', '≤ 1080p · 1:10 到 2:05 · H.264 · 保留声音 · 高质量'],
    [{ trim: { startSec: -30 } }, '≤ 1080p · last 30 s · H.264 · keep audio · high quality', '≤ 1080p · 最后 30 s · H.264 · 保留声音 · 高质量'],
    [{ trim: { startSec: 0, endSec: -5 } }, '≤ 1080p · without the last 5 s · H.264 · keep audio · high quality', '≤ 1080p · 去掉最后 5 s · H.264 · 保留声音 · 高质量'],
    [{ trim: { startSec: 3, endSec: -5 } }, '≤ 1080p · from 3 s to 5 s before the end · H.264 · keep audio · high quality', '≤ 1080p · 从 3 s 到结束前 5 s · H.264 · 保留声音 · 高质量'],
    [{ platform: 'no-such-platform' }, '≤ 1080p · H.264 · keep audio · high quality', '≤ 1080p · H.264 · 保留声音 · 高质量'],
  ])('%j → %s / %s', (goal, english, chinese) => {
    expect(describeGoal(goal)).toBe(english);
    expect(describeGoal(goal, 'en')).toBe(english);
    expect(describeGoal(goal, 'zh')).toBe(chinese);
  });
});

it('describes a goal holding values from outside the type without throwing', () => {
  const junk = { container: 42, codec: 'vp9', trim: { startSec: 'x' }, audio: {}, aspect: '7:3', platform: null } as unknown as Goal;
  expect(typeof describeGoal(junk)).toBe('string');
  expect(typeof describeGoal(junk, 'zh')).toBe('string');
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
    ['compress', { targetBytes: 10_000_000 }, '≤ 10 MB · ≤ 1080p · H.264 · keep audio · high quality'],
    ['export', { resolution: 1080, container: 'mp4' }, 'export · ≤ 1080p · H.264 · MP4 · keep audio · high quality'],
    ['upload', {}, 'upload a video'],
    ['upload', { targetBytes: 10_000_000 }, 'upload a video, then ≤ 10 MB · ≤ 1080p · H.264 · keep audio · high quality'],
    ['credits', {}, 'show the credit balance'],
    ['status', {}, 'show the session status and tracks'],
    ['help', {}, 'show what I can do'],
    ['unknown', {}, 'not understood'],
  ])('%s %j → %s', (intent, goal, line) => {
    expect(summarizeInstruction({ intent, goal })).toBe(line);
  });

  it.each<[Intent, Goal, Edits, string]>([
    ['compress', {}, { title: { text: 'Urban Dreams' }, music: { volume: 0.35 } }, 'title "Urban Dreams" · music at 35%'],
    ['compress', { targetBytes: 10_000_000 }, { music: {} }, '≤ 10 MB · ≤ 1080p · H.264 · keep audio · high quality · background music'],
    ['export', {}, { title: null, music: null }, 'export · ≤ 1080p · H.264 · keep audio · high quality · no title · no background music'],
  ])('%s %j with edits %j → %s', (intent, goal, edits, line) => {
    expect(summarizeInstruction({ intent, goal, edits })).toBe(line);
  });
});
