import { PLATFORMS, remarkText, type Remark } from '../../src/goal/index.js';
import { REMARK_WORDS } from '../../src/goal/remark-words.js';

const INTENTS = ['compress', 'export', 'credits', 'status', 'upload', 'help', 'unknown'];
const QUALITIES = ['visually-lossless', 'high', 'balanced', 'small'];
const CODECS = ['h264', 'h265', 'av1'];
const CONTAINERS = ['mp4', 'webm', 'mov', 'mkv'];
const ASPECTS = ['16:9', '9:16', '1:1', '4:5'];
const SPEEDS = ['fast', 'balanced', 'best'];

const isFinite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks one Goal field; returns why it is wrong, or undefined. */
const FIELD_CHECKS: Record<string, (value: unknown) => boolean> = {
  targetBytes: (v) => isFinite(v) && Number.isInteger(v) && v > 0,
  relativeSize: (v) => isFinite(v) && v > 0 && v < 1,
  quality: (v) => QUALITIES.includes(v as string),
  resolution: (v) => isFinite(v) && Number.isInteger(v) && v >= 144 && v <= 4320,
  codec: (v) => CODECS.includes(v as string),
  container: (v) => CONTAINERS.includes(v as string),
  fps: (v) => isFinite(v) && v >= 1 && v <= 240,
  audio: (v) => v === 'keep' || v === 'mute' || (isObject(v) && Object.keys(v).join() === 'bitrateKbps' && isFinite(v.bitrateKbps) && v.bitrateKbps >= 8 && v.bitrateKbps <= 512),
  trim: (v) =>
    isObject(v) &&
    isFinite(v.startSec) &&
    (v.endSec === undefined || isFinite(v.endSec)) &&
    Object.keys(v).every((key) => key === 'startSec' || key === 'endSec') &&
    (v.endSec === undefined || v.startSec < 0 || (v.endSec as number) < 0 || (v.endSec as number) > v.startSec),
  aspect: (v) => ASPECTS.includes(v as string),
  speed: (v) => SPEEDS.includes(v as string),
  platform: (v) => PLATFORMS.some((platform) => platform.id === v),
};

/** A remark of a known code that words to a non-empty sentence. */
const isRemark = (value: unknown): boolean =>
  isObject(value) && typeof value.code === 'string' && value.code in REMARK_WORDS.en && remarkText(value as Remark, 'en').trim() !== '';

/**
 * Why a value is not a well-formed ParsedInstruction (empty when it is): right intent, a Goal with
 * only known fields in range, unknown words as non-empty strings, remarks of known codes, and nothing JSON would lose.
 */
export function invalidReasons(value: unknown): string[] {
  if (!isObject(value)) return ['not an object'];
  const reasons: string[] = [];
  if (!INTENTS.includes(value.intent as string)) reasons.push(`intent ${String(value.intent)}`);
  if (!isObject(value.goal)) reasons.push('goal is not an object');
  else {
    for (const [field, fieldValue] of Object.entries(value.goal)) {
      const check = FIELD_CHECKS[field];
      if (!check) reasons.push(`unexpected goal field ${field}`);
      else if (!check(fieldValue)) reasons.push(`goal.${field} = ${JSON.stringify(fieldValue)}`);
    }
  }
  if (!Array.isArray(value.unknown)) reasons.push('unknown is not an array');
  else if (!value.unknown.every((item) => typeof item === 'string' && item.trim() !== '')) reasons.push('unknown holds a non-string or empty entry');
  if (!Array.isArray(value.ambiguities)) reasons.push('ambiguities is not an array');
  else if (!value.ambiguities.every(isRemark)) reasons.push('ambiguities holds something that is not a remark');
  if (value.edits !== undefined) reasons.push(...invalidEdits(value.edits));
  if (JSON.stringify(JSON.parse(JSON.stringify(value))) !== JSON.stringify(value)) reasons.push('does not survive JSON');
  return reasons;
}

/** Why `edits` is not a well-formed Edits: a title with text and sane times, music with a volume in 0..1. */
function invalidEdits(edits: unknown): string[] {
  if (!isObject(edits)) return ['edits is not an object'];
  const reasons: string[] = [];
  for (const key of Object.keys(edits)) if (key !== 'title' && key !== 'music') reasons.push(`unexpected edits field ${key}`);
  const { title, music } = edits;
  if (title !== undefined && title !== null) {
    const ok = isObject(title) && typeof title.text === 'string' && title.text.trim() !== '' &&
      (title.startSec === undefined || (isFinite(title.startSec) && title.startSec >= 0)) &&
      (title.durationSec === undefined || (isFinite(title.durationSec) && title.durationSec > 0));
    if (!ok) reasons.push(`edits.title = ${JSON.stringify(title)}`);
  }
  if (music !== undefined && music !== null) {
    const ok = isObject(music) && (music.volume === undefined || (isFinite(music.volume) && music.volume >= 0 && music.volume <= 1));
    if (!ok) reasons.push(`edits.music = ${JSON.stringify(music)}`);
  }
  return reasons;
}
