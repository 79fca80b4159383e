import { describe, expect, it } from 'vitest';
import { parseInstruction, remarkText, type Remark } from '../../src/goal/index.js';
import { REMARK_WORDS } from '../../src/goal/remark-words.js';
import { stringValues, strayLatin } from '../helpers/wording-checks.js';

// The parser's remarks, worded in both languages: one sample of every code, said in each.

const CHINESE = /[\u4e00-\u9fff]/;

/** One remark of each code; the type makes a new code a compile error here until it has a sample. */
const SAMPLES: { [C in Remark['code']]: Extract<Remark, { code: C }> } = {
  'ask-what-to-do': { code: 'ask-what-to-do' },
  'two-platforms': { code: 'two-platforms', first: 'discord', last: 'tiktok' },
  'said-twice': { code: 'said-twice', first: '720p', last: '1080p' },
  'tight-size': { code: 'tight-size', targetBytes: 10e6, resolution: 2160, lossless: true },
  'size-and-fraction': { code: 'size-and-fraction' },
  'smallest-and-resolution': { code: 'smallest-and-resolution', resolution: 2160 },
  'webm-codec': { code: 'webm-codec', codec: 'h264' },
  'platform-length': { code: 'platform-length', platform: 'x', limitSec: 140 },
  'platform-too-long': { code: 'platform-too-long', platform: 'x', limitSec: 140, longer: [{ name: 'trip.mp4', lengthSec: 185 }] },
  'bare-number': { code: 'bare-number', word: '100' },
  'source-size': { code: 'source-size', bytes: 500e6 },
  'percent-of-original': { code: 'percent-of-original', said: '70%', percent: '70' },
  'not-smaller': { code: 'not-smaller', said: '200%' },
  'which-resolution': { code: 'which-resolution' },
  'default-resolution-cap': { code: 'default-resolution-cap' },
  'bad-resolution': { code: 'bad-resolution', said: '9000p' },
  'which-frame-rate': { code: 'which-frame-rate' },
  'bad-frame-rate': { code: 'bad-frame-rate', said: '500fps' },
  'lossless-as-visually': { code: 'lossless-as-visually' },
  'bitrate-from-size': { code: 'bitrate-from-size' },
  'audio-bitrate-read': { code: 'audio-bitrate-read', said: '96k' },
  'bad-audio-bitrate': { code: 'bad-audio-bitrate', kbps: 900 },
  'codec-not-offered': { code: 'codec-not-offered', codec: 'vp9' },
  'container-not-offered': { code: 'container-not-offered', container: 'flv' },
  'picked-myself': { code: 'picked-myself', said: 'crf 23' },
  'hardware-by-itself': { code: 'hardware-by-itself' },
  'hdr-tone-mapped': { code: 'hdr-tone-mapped' },
  'stray-duration': { code: 'stray-duration', said: '10秒' },
  'trim-reversed': { code: 'trim-reversed' },
  'title-needs-text': { code: 'title-needs-text' },
  'music-volume-range': { code: 'music-volume-range' },
  'not-a-size': { code: 'not-a-size', said: '0MB' },
  'bad-shape': { code: 'bad-shape', said: '3:2' },
  'floor-size': { code: 'floor-size', amount: '100', unit: 'MB' },
  'edit-not-offered': { code: 'edit-not-offered', edit: 'rotate' },
};
const remarks: Remark[] = Object.values(SAMPLES);

describe('the remark wording tables', () => {
  it('word every code in both languages, and nothing else', () => {
    expect(Object.keys(REMARK_WORDS.en).sort()).toEqual(Object.keys(SAMPLES).sort());
    expect(Object.keys(REMARK_WORDS.zh).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(remarks.map((remark) => [remark.code, remark] as const))('%s: English without Chinese, Chinese without English words', (_, remark) => {
    const [en, zh] = [remarkText(remark, 'en'), remarkText(remark, 'zh')];
    const given = stringValues(remark).filter((value) => !CHINESE.test(value));
    expect(en).not.toBe('');
    expect(en.replace(/“[^”]*”/g, '')).not.toMatch(CHINESE);
    expect(zh).toMatch(CHINESE);
    expect(strayLatin(zh, given)).toBe('');
  });

  it.each(['rotate', 'flip', 'speed', 'colour', 'subtitles', 'volume', 'stabilize', 'denoise', 'reverse', 'upscale', 'watermark', 'undo'] as const)(
    'word the edit not offered "%s" in both languages, each in its own',
    (edit) => {
      const remark: Remark = { code: 'edit-not-offered', edit };
      const [en, zh] = [remarkText(remark, 'en'), remarkText(remark, 'zh')];
      expect(en.replace(/“[^”]*”/g, '')).not.toMatch(CHINESE);
      expect(zh).toMatch(CHINESE);
      expect(strayLatin(zh, [])).toBe('');
      // What it suggests saying instead is read as it is meant ("new project" is the studio's own line, not the parser's).
      for (const [, quoted] of en.matchAll(/“([^”…]+)”/g)) if (quoted !== 'new project') expect(parseInstruction(quoted).intent).not.toBe('unknown');
    },
  );

  it('suggest Chinese instructions the parser reads as they are', () => {
    // What a remark quotes, less the user's own words it quotes back.
    const suggested = (remark: Remark) =>
      [...remarkText(remark, 'zh').matchAll(/“([^”]+)”/g)].map(([, quoted]) => quoted).filter((quoted) => !stringValues(remark).includes(quoted));
    const examples = [
      ...suggested(SAMPLES['stray-duration']),
      ...suggested(SAMPLES['platform-length']),
      ...suggested(SAMPLES['percent-of-original']),
      ...suggested(SAMPLES['floor-size']),
      ...suggested(SAMPLES['which-frame-rate']),
      ...suggested(SAMPLES['trim-reversed']),
    ];
    expect(examples).toEqual(['前10秒', '剪掉前10秒', '前2分20秒', '缩小70%', '100MB以内', '30fps', '从0:10到0:45']);
    for (const example of examples) {
      const parsed = parseInstruction(example);
      expect([example, parsed.unknown, parsed.ambiguities, Object.keys(parsed.goal).length]).toEqual([example, [], [], 1]);
    }
  });
});

describe('remarks from real instructions', () => {
  it.each([
    ['压缩到 100MB 以内，1080p，720p', 'said-twice', /我按最后说的“720p”/],
    ['压缩 100', 'bare-number', /^“100”是指什么？大小要带单位，比如“100MB”。$/],
    ['超过100MB', 'floor-size', /“100mb以内”/i],
    ['码率5m 压缩', 'picked-myself', /由我根据你要的大小和画质来定/],
  ])('%s → %s, worded in Chinese', (instruction, code, chinese) => {
    const remark = parseInstruction(instruction).ambiguities.find((found) => found.code === code);
    expect(remark).toBeDefined();
    expect(remarkText(remark as Remark, 'zh')).toMatch(chinese);
  });
});
