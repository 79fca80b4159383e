import { formatBytes, formatSeconds } from '../units.js';
import { platformById } from './platforms.js';
import type { Aspect, Codec, Goal, Quality, Speed } from './types.js';

const CODEC: Record<Codec, string> = { h264: 'H.264', h265: 'H.265', av1: 'AV1' };
const QUALITY: Record<Quality, string> = {
  'visually-lossless': 'visually lossless',
  high: 'high quality',
  balanced: 'balanced quality',
  small: 'smallest file',
};
const SPEED: Record<Speed, string> = { fast: 'fast encode', balanced: 'balanced speed', best: 'best compression (slow)' };
const ASPECT: Record<Aspect, string> = { '16:9': '16:9 landscape', '9:16': '9:16 vertical', '1:1': '1:1 square', '4:5': '4:5 portrait' };

/**
 * One line a person reads, defaults included so it says what will really happen:
 * "≤ 100 MB · 1080p · H.264 · keep audio · visually lossless". A platform preset leads
 * ("Discord: ≤ 10 MB · …"); the container shows only when it was asked for.
 */
export function describeGoal(goal: Goal): string {
  const parts = [
    goal.targetBytes !== undefined ? `≤ ${formatBytes(goal.targetBytes)}` : undefined,
    goal.relativeSize !== undefined ? `≤ ${formatPercent(goal.relativeSize)} of the original size` : undefined,
    `${goal.resolution ?? 1080}p`,
    goal.aspect !== undefined ? ASPECT[goal.aspect] : undefined,
    goal.fps !== undefined ? `≤ ${goal.fps} fps` : undefined,
    goal.trim !== undefined ? describeTrim(goal.trim) : undefined,
    CODEC[goal.codec ?? 'h264'],
    // String(): a goal read back from a draft file may hold anything, and a reply must still be written.
    goal.container !== undefined ? String(goal.container).toUpperCase() : undefined,
    describeAudio(goal.audio ?? 'keep'),
    QUALITY[goal.quality ?? 'high'],
    goal.speed !== undefined ? SPEED[goal.speed] : undefined,
  ].filter((part) => part !== undefined);
  const platform = platformById(goal.platform);
  return `${platform ? `${platform.label}: ` : ''}${parts.join(' · ')}`;
}

function describeTrim({ startSec, endSec }: { startSec: number; endSec?: number }): string {
  if (startSec < 0) return `last ${formatSeconds(-startSec)}`;
  if (endSec === undefined) return `from ${formatSeconds(startSec)}`;
  if (endSec < 0) return startSec === 0 ? `without the last ${formatSeconds(-endSec)}` : `from ${formatSeconds(startSec)} to ${formatSeconds(-endSec)} before the end`;
  if (startSec === 0) return `first ${formatSeconds(endSec)}`;
  return `${formatSeconds(startSec)} to ${formatSeconds(endSec)}`;
}

function describeAudio(audio: NonNullable<Goal['audio']>): string {
  if (audio === 'keep') return 'keep audio';
  if (audio === 'mute') return 'no audio';
  return `audio ${audio.bitrateKbps} kbps`;
}

function formatPercent(fraction: number): string {
  return `${round(fraction * 100)}%`;
}

function round(value: number): string {
  return String(Math.round(value * 100) / 100);
}
