import { formatBytes, formatSeconds } from '../units.js';
import type { Language } from './language.js';
import { outputCodec } from '../wire/output-codec.js';
import { platformById } from './platforms.js';
import { shortSideCap } from '../wire/size-cap.js';
import type { Aspect, Codec, Goal, Quality, Speed } from './types.js';

/** The words of a goal line in one language: the fixed names and the few phrases built around a number. */
type GoalWords = {
  quality: Record<Quality, string>;
  speed: Record<Speed, string>;
  aspect: Record<Aspect, string>;
  keepAudio: string;
  noAudio: string;
  /** Said only when asked: kept subtitles are the default, and every goal line would carry them. */
  noSubtitles: string;
  audioKbps: (kbps: number) => string;
  ofOriginal: (percent: string) => string;
  sourceResolution: string;
  platform: (label: string) => string;
  trim: {
    last: (span: string) => string;
    from: (start: string) => string;
    withoutLast: (span: string) => string;
    fromToBeforeEnd: (start: string, beforeEnd: string) => string;
    first: (span: string) => string;
    between: (start: string, end: string) => string;
  };
};

const CODEC: Record<Codec, string> = { h264: 'H.264', h265: 'H.265', av1: 'AV1' };

/** A codec as people write it (H.264, H.265, AV1), the same in every language. */
export function codecName(codec: Codec): string {
  return CODEC[codec];
}

// Numbers, units, codecs and containers read the same in both languages; only the words differ.
const WORDS: Record<Language, GoalWords> = {
  en: {
    quality: { 'visually-lossless': 'visually lossless', high: 'high quality', balanced: 'balanced quality', small: 'smallest file' },
    speed: { fast: 'fast encode', balanced: 'balanced speed', best: 'best compression (slow)' },
    aspect: { '16:9': '16:9 landscape', '9:16': '9:16 vertical', '1:1': '1:1 square', '4:5': '4:5 portrait' },
    keepAudio: 'keep audio',
    noAudio: 'no audio',
    noSubtitles: 'no subtitles',
    audioKbps: (kbps) => `audio ${kbps} kbps`,
    ofOriginal: (percent) => `≤ ${percent} of the original size`,
    sourceResolution: 'source resolution',
    platform: (label) => `${label}: `,
    trim: {
      last: (span) => `last ${span}`,
      from: (start) => `from ${start}`,
      withoutLast: (span) => `without the last ${span}`,
      fromToBeforeEnd: (start, beforeEnd) => `from ${start} to ${beforeEnd} before the end`,
      first: (span) => `first ${span}`,
      between: (start, end) => `${start} to ${end}`,
    },
  },
  zh: {
    quality: { 'visually-lossless': '视觉无损', high: '高质量', balanced: '均衡画质', small: '尽量小' },
    speed: { fast: '快速编码', balanced: '均衡速度', best: '最佳压缩（较慢）' },
    aspect: { '16:9': '16:9 横屏', '9:16': '9:16 竖屏', '1:1': '1:1 方形', '4:5': '4:5 竖版' },
    keepAudio: '保留声音',
    noAudio: '静音',
    noSubtitles: '去掉字幕',
    audioKbps: (kbps) => `音频 ${kbps} kbps`,
    ofOriginal: (percent) => `≤ 原大小的 ${percent}`,
    sourceResolution: '原分辨率',
    platform: (label) => `${label}：`,
    trim: {
      last: (span) => `最后 ${span}`,
      from: (start) => `从 ${start} 起`,
      withoutLast: (span) => `去掉最后 ${span}`,
      fromToBeforeEnd: (start, beforeEnd) => `从 ${start} 到结束前 ${beforeEnd}`,
      first: (span) => `前 ${span}`,
      between: (start, end) => `${start} 到 ${end}`,
    },
  },
};

/**
 * One line a person reads, defaults included so it says what will really happen:
 * "≤ 100 MB · source resolution · H.264 · keep audio · visually lossless". A platform preset leads
 * ("Discord: ≤ 10 MB · …"); the container shows only when it was asked for. In `language`
 * ('zh': "≤ 100 MB · 原分辨率 · H.264 · 保留声音 · 视觉无损"), English by default.
 */
export function describeGoal(goal: Goal, language: Language = 'en'): string {
  const words = WORDS[language];
  const parts = [
    goal.targetBytes !== undefined ? `≤ ${formatBytes(goal.targetBytes)}` : undefined,
    goal.relativeSize !== undefined ? words.ofOriginal(formatPercent(goal.relativeSize)) : undefined,
    resolutionPart(goal, words),
    goal.aspect !== undefined ? words.aspect[goal.aspect] : undefined,
    goal.fps !== undefined ? `≤ ${goal.fps} fps` : undefined,
    goal.trim !== undefined ? describeTrim(goal.trim, words.trim) : undefined,
    CODEC[outputCodec(goal)],
    // String(): a goal read back from a draft file may hold anything, and a reply must still be written.
    goal.container !== undefined ? String(goal.container).toUpperCase() : undefined,
    describeAudio(goal.audio ?? 'keep', words),
    goal.subtitles === 'none' ? words.noSubtitles : undefined,
    words.quality[goal.quality ?? 'high'],
    goal.speed !== undefined ? words.speed[goal.speed] : undefined,
  ].filter((part) => part !== undefined);
  const platform = platformById(goal.platform);
  return `${platform ? words.platform(platform.label) : ''}${parts.join(' · ')}`;
}

/** The resolution the output may have: "≤ 1080p" (a cap: a smaller source keeps its own), or the source's own where the goal keeps it. */
function resolutionPart(goal: Goal, words: GoalWords): string {
  const cap = shortSideCap(goal);
  return cap === undefined ? words.sourceResolution : `≤ ${cap}p`;
}

/** A quality's name in `language` ("high quality", "高质量"), as the goal line says it. */
export function qualityName(quality: Quality, language: Language): string {
  return WORDS[language].quality[quality];
}

function describeTrim({ startSec, endSec }: { startSec: number; endSec?: number }, words: GoalWords['trim']): string {
  if (startSec < 0) return words.last(formatSeconds(-startSec));
  if (endSec === undefined) return words.from(formatSeconds(startSec));
  if (endSec < 0) return startSec === 0 ? words.withoutLast(formatSeconds(-endSec)) : words.fromToBeforeEnd(formatSeconds(startSec), formatSeconds(-endSec));
  if (startSec === 0) return words.first(formatSeconds(endSec));
  return words.between(formatSeconds(startSec), formatSeconds(endSec));
}

function describeAudio(audio: NonNullable<Goal['audio']>, words: GoalWords): string {
  if (audio === 'keep') return words.keepAudio;
  if (audio === 'mute') return words.noAudio;
  return words.audioKbps(audio.bitrateKbps);
}

function formatPercent(fraction: number): string {
  return `${round(fraction * 100)}%`;
}

function round(value: number): string {
  return String(Math.round(value * 100) / 100);
}
