import { codecName, qualityName } from '../goal/describe-goal.js';
import { wordWith, type Language, type Wording } from '../goal/language.js';
import { formatBytes } from '../units.js';
import type { Codec } from '../goal/types.js';
import type { LeanerChange, NoteScore, PlanDifference, PlanNote, RateChange, SoundCodec } from './plan-notes.js';

// The media core's notes in words, one table per language, line for line. On the wire because both
// sides word them: the node in its replies, the client for a render's notes (sent as data), each in
// the language of the user's instruction. Numbers, sizes, codec and encoder names read the same in
// both; the English is also what a render's notes carry as prose, for clients that do not read data.

/** The few words a language builds the notes' pieces from. */
type Pieces = {
  channels: (channels: number) => string;
  rate: (rate: RateChange) => string;
  score: (score: NoteScore) => string;
  change: (change: LeanerChange) => string;
  difference: (difference: PlanDifference) => string;
};

/** How a language says a sound that is copied, left out or encoded, and a value a plan leaves out. */
type SideWords = { audio: Record<'copy' | 'none' | 'encode', string>; none: string };

/** A difference's two sides as `promised → ran`: codecs by name, frames as WxH, numbers as they are. */
function differenceSides(difference: PlanDifference, words: SideWords): string {
  const side = (value: PlanDifference['promised']): string => {
    if (value === undefined) return words.none;
    if (typeof value === 'object') return `${value.width}x${value.height}`;
    if (typeof value === 'number') return fps(value);
    if (difference.field === 'audio') return words.audio[value as keyof SideWords['audio']];
    return difference.field === 'codec' ? codecName(value as Codec) : value;
  };
  return `${side(difference.promised)} → ${side(difference.ran)}`;
}

const SOUND_CODEC: Record<SoundCodec, string> = { aac: 'AAC', opus: 'Opus' };

const enPieces: Pieces = {
  channels: (channels) => (channels === 1 ? 'mono' : 'stereo'),
  rate: (rate) =>
    rate.kind === 'lowered' ? `${fps(rate.fromFps)} → ${fps(rate.toFps)} fps` : rate.kind === 'variable' ? `variable frame rate kept (about ${fps(rate.aboutFps)} fps)` : `${fps(rate.fps)} fps`,
  score: (score) => (score.metric === 'vmaf' ? `VMAF ${score.mean.toFixed(1)} (5th percentile ${score.low.toFixed(1)})` : `SSIM ${score.mean.toFixed(4)}`),
  change: (change) => (change.kind === 'frame' ? `${change.width}x${change.height}` : change.kind === 'fps' ? `${fps(change.fps)} fps` : 'no sound (it did not fit beside the picture)'),
  difference: (difference) => {
    const label = { codec: 'codec', encoder: 'encoder', frame: 'picture', fps: 'fps', video_kbps: 'video kbps', crf: 'CRF', passes: 'passes', audio: 'sound', audio_kbps: 'sound kbps' }[difference.field];
    return `${label} ${differenceSides(difference, { audio: { copy: 'copied', none: 'none', encode: 'encoded' }, none: 'none' })}`;
  },
};

const zhPieces: Pieces = {
  channels: (channels) => (channels === 1 ? '单声道' : '立体声'),
  rate: (rate) =>
    rate.kind === 'lowered' ? `${fps(rate.fromFps)} → ${fps(rate.toFps)} fps` : rate.kind === 'variable' ? `保留可变帧率（约 ${fps(rate.aboutFps)} fps）` : `${fps(rate.fps)} fps`,
  score: (score) => (score.metric === 'vmaf' ? `VMAF ${score.mean.toFixed(1)}（最差 5% 为 ${score.low.toFixed(1)}）` : `SSIM ${score.mean.toFixed(4)}`),
  change: (change) => (change.kind === 'frame' ? `${change.width}x${change.height}` : change.kind === 'fps' ? `${fps(change.fps)} fps` : '去掉声音（画面旁放不下）'),
  difference: (difference) => {
    const label = { codec: '编码格式', encoder: '编码器', frame: '画面', fps: '帧率', video_kbps: '视频码率 kbps', crf: 'CRF', passes: '编码遍数', audio: '声音', audio_kbps: '声音码率 kbps' }[difference.field];
    return `${label} ${differenceSides(difference, { audio: { copy: '复制', none: '无', encode: '重新编码' }, none: '无' })}`;
  },
};

const en: Wording<PlanNote> = {
  copied: (n) => `Copied without re-encoding: it is already H.264${n.withAudio ? '/AAC' : ''} at ${n.width}x${n.height} and ${formatBytes(n.bytes)}, under ${formatBytes(n.targetBytes)}.`,
  'copied-as-is': (n) => `Copied byte for byte: rewriting the container made it ${formatBytes(n.grewBytes)} bigger, over ${formatBytes(n.targetBytes)}.`,
  'webm-codec': (n) => `WebM cannot carry ${n.asked.toUpperCase()}: using AV1 video with Opus sound instead.`,
  webm: () => 'WebM: AV1 video with Opus sound.',
  trim: (n) => `Trim: ${n.startSec.toFixed(1)}–${n.endSec.toFixed(1)} s (${n.durationSec.toFixed(1)} s).`,
  crop: (n) => `Crop to ${n.aspect}: the centre ${n.width}x${n.height} of ${n.sourceWidth}x${n.sourceHeight}.`,
  rotation: (n) => `Rotation ${n.degrees}° kept: frames are written upright, as the player showed them.`,
  hdr: (n) => `HDR (${n.format.toUpperCase()}) tone-mapped to SDR: 8-bit ${n.codec.toUpperCase()} cannot show it, and untreated it would look washed out.`,
  'hardware-encoder': (n) => `Encoder: ${n.encoder} (hardware), single pass; the size check re-encodes if it overshoots.`,
  title: (n) => `Title drawn from ${n.startSec.toFixed(1)} to ${n.endSec.toFixed(1)} s.`,
  quality: (n) => `Quality "${n.quality}": constant quality (CRF ${n.crf} to start), measured against the source before it ships.`,
  'source-smaller': (n) => `${n.askedShortSide}p asked for, but the source is only ${n.width}x${n.height}: it stays at its own size (no upscale).`,
  picture: (n) =>
    `Picture: ${n.width}x${n.height}, ${enPieces.rate(n.rate)}.${n.video ? ` Video ${n.video.kbps} kbps, ${n.video.twoPass ? 'two-pass' : 'single pass'}.` : ''}`,
  sound: (n) => `Sound: ${SOUND_CODEC[n.codec]} ${n.kbps} kbps ${enPieces.channels(n.channels)}.`,
  'sound-music': (n) =>
    `Sound: background music at ${n.percent} % ${n.overSource ? 'mixed under the sound' : 'as the only sound'}, ${SOUND_CODEC[n.codec]} ${n.kbps} kbps ${enPieces.channels(n.channels)}.`,
  'sound-none-in-source': () => 'Sound: none in the source.',
  'sound-muted': () => 'Sound: removed, as asked.',
  'sound-none': () => 'Sound: none.',
  'subtitles-removed': () => 'Subtitles: removed, as asked.',
  subtitles: (n) => {
    const kept = n.kept === 0 ? undefined : `${n.kept} ${n.kept === 1 ? 'track' : 'tracks'} kept`;
    const dropped = n.dropped === 0 ? undefined : `${n.dropped} picture ${n.dropped === 1 ? 'track' : 'tracks'} left out (${n.container.toUpperCase()} cannot hold picture subtitles: choose MKV to keep ${n.dropped === 1 ? 'it' : 'them'})`;
    return `Subtitles: ${[kept, dropped].filter((part) => part !== undefined).join('; ')}.`;
  },
  'sound-dropped': (n) =>
    `Sound removed: ${formatBytes(n.targetBytes)} cannot hold sound beside a picture for ${n.durationSec.toFixed(1)} s (with sound the smallest is about ${formatBytes(n.smallestWithSoundBytes)}).`,
  'size-budget': (n) =>
    `Target ${formatBytes(n.targetBytes)}: ${Math.round(n.totalKbps)} kbps in all after ${formatBytes(n.overheadBytes)} of container overhead and a ${n.marginPercent} % safety margin.`,
  'bitrate-unused': (n) => `Only ${n.usedKbps} kbps of the ${Math.round(n.availableKbps)} available is used: more would not look better than the source.`,
  'picture-scaled': (n) =>
    `Picture scaled to ${n.width}x${n.height}: at ${n.fullWidth}x${n.fullHeight} the budget would starve it (${n.bitsPerPixel.toFixed(3)} bits per pixel).`,
  'sound-under-floor': (n) =>
    `Sound under its floor (${n.floorKbps} kbps ${enPieces.channels(n.floorChannels)}): beside that much, the picture would get less than the ${Math.round(n.pictureKbps)} kbps it needs to keep moving even at ${n.width}x${n.height}.`,
  'quality-search': (n) => {
    const bar = n.bar.metric === 'vmaf' ? `VMAF ${n.bar.value} (on samples)` : `SSIM ${n.bar.value}`;
    const verdict = n.between
      ? `keeps about ${enPieces.score(n.score)} (between the tries at CRF ${n.between[0]} and ${n.between[1]})`
      : n.passed
        ? `keeps ${enPieces.score(n.score)}`
        : `(the best tried) reaches ${enPieces.score(n.score)}, short of the ${bar} asked for,`;
    const tries = `${n.tries} ${n.tries === 1 ? 'try' : 'tries'}`;
    const how = n.reused ? 'measured before on this file' : n.whole ? `on the whole clip (${tries}, each a full encode)` : `on ${n.sampleSec.toFixed(1)} s of samples (${tries})`;
    return `Quality search: CRF ${n.crf} ${verdict} ${how}.`;
  },
  'quality-remeasured': (n) => `The whole output measured ${enPieces.score(n.score)} at CRF ${n.crf}, under the bar: re-encoded at CRF ${n.lowerCrf}.`,
  'quality-over-cap': (n) =>
    `At quality "${n.quality}" it would come out over ${formatBytes(n.capBytes)}: ${n.copied ? 'the input already fits, so it is copied' : 'it is encoded to fit instead'}.`,
  'bigger-than-source': (n) =>
    `To keep the quality it came out bigger than the source (${formatBytes(n.bytes)}, the source ${formatBytes(n.sourceBytes)}): its ${n.sourceCodec.toUpperCase()} is leaner than H.264 at this quality. Ask for a size to cap it.`,
  'under-encoder-floor': (n) => `${n.kbps} kbps is under what the encoder can do at ${n.width}x${n.height}: re-encoded with ${enPieces.change(n.change)}.`,
  'size-overshot': (n) =>
    `Came out at ${formatBytes(n.actualBytes)}, over ${formatBytes(n.targetBytes)}: re-encoded at ${[`${n.kbps} kbps`, ...(n.change ? [enPieces.change(n.change)] : [])].join(', ')}.`,
  'size-topped-up': (n) => `Came out at ${formatBytes(n.actualBytes)}, well under the ${formatBytes(n.aimBytes)} planned: the second pass ran again at ${n.kbps} kbps.`,
  'sound-measured': (n) =>
    `The sound took ${formatBytes(n.audioBytes)} of the ${formatBytes(n.plannedBytes)} set aside: ${n.spare ? 'the picture gets the rest' : 'the picture gives up the difference'} (${n.kbps} kbps).`,
  'worker-plan': (n) =>
    `The render worker's ffmpeg ${n.missingEncoder ? `has no ${n.missingEncoder}` : "is another build than the node's"}, so it ran another plan than the one promised: ${n.differences.map(enPieces.difference).join(', ')}.`,
  'full-frame-kept': (n) =>
    `Sample encodes kept the full ${n.width}x${n.height} at ${fps(n.fps)} fps: SSIM ${n.ssim.toFixed(4)} against ${n.plannedSsim.toFixed(4)} at ${n.plannedWidth}x${n.plannedHeight}.`,
};

const zh: Wording<PlanNote> = {
  copied: (n) => `不重新编码，直接复制：它已经是 H.264${n.withAudio ? '/AAC' : ''}，${n.width}x${n.height}，${formatBytes(n.bytes)}，不超过 ${formatBytes(n.targetBytes)}。`,
  'copied-as-is': (n) => `逐字节复制原文件：重写封装会让它大 ${formatBytes(n.grewBytes)}，超过 ${formatBytes(n.targetBytes)}。`,
  'webm-codec': (n) => `WebM 装不了 ${n.asked.toUpperCase()}：改用 AV1 视频和 Opus 音频。`,
  webm: () => 'WebM：AV1 视频，Opus 音频。',
  trim: (n) => `剪辑：${n.startSec.toFixed(1)}–${n.endSec.toFixed(1)} 秒（共 ${n.durationSec.toFixed(1)} 秒）。`,
  crop: (n) => `裁成 ${n.aspect}：取 ${n.sourceWidth}x${n.sourceHeight} 正中的 ${n.width}x${n.height}。`,
  rotation: (n) => `保留 ${n.degrees}° 旋转：画面按播放器显示的方向正着写入。`,
  hdr: (n) => `HDR（${n.format.toUpperCase()}）色调映射为 SDR：8 位 ${n.codec.toUpperCase()} 显示不了 HDR，不处理的话画面会发灰。`,
  'hardware-encoder': (n) => `编码器：${n.encoder}（硬件），单遍编码；如果超出大小，大小检查会重新编码。`,
  title: (n) => `标题显示在 ${n.startSec.toFixed(1)} 秒到 ${n.endSec.toFixed(1)} 秒。`,
  quality: (n) => `画质“${qualityName(n.quality, 'zh')}”：恒定质量（从 CRF ${n.crf} 开始），交付前先与原片对比测量。`,
  'source-smaller': (n) => `要求 ${n.askedShortSide}p，但源视频只有 ${n.width}x${n.height}，比要求的小：保持原尺寸，不放大。`,
  picture: (n) => `画面：${n.width}x${n.height}，${zhPieces.rate(n.rate)}。${n.video ? `视频 ${n.video.kbps} kbps，${n.video.twoPass ? '两遍编码' : '单遍编码'}。` : ''}`,
  sound: (n) => `声音：${SOUND_CODEC[n.codec]} ${n.kbps} kbps ${zhPieces.channels(n.channels)}。`,
  'sound-music': (n) =>
    `声音：背景音乐音量 ${n.percent}%，${n.overSource ? '垫在原声下面' : '作为唯一的声音'}，${SOUND_CODEC[n.codec]} ${n.kbps} kbps ${zhPieces.channels(n.channels)}。`,
  'sound-none-in-source': () => '声音：源视频没有声音。',
  'sound-muted': () => '声音：按要求去掉。',
  'sound-none': () => '声音：无。',
  'subtitles-removed': () => '字幕：按要求去掉。',
  subtitles: (n) => {
    const kept = n.kept === 0 ? undefined : `保留 ${n.kept} 条字幕`;
    const dropped = n.dropped === 0 ? undefined : `${n.dropped} 条图形字幕未保留（${n.container.toUpperCase()} 装不下图形字幕：要保留请选 MKV）`;
    return `字幕：${[kept, dropped].filter((part) => part !== undefined).join('；')}。`;
  },
  'sound-dropped': (n) =>
    `已去掉声音：${formatBytes(n.targetBytes)} 放不下 ${n.durationSec.toFixed(1)} 秒的画面再加声音（带声音最小约 ${formatBytes(n.smallestWithSoundBytes)}）。`,
  'size-budget': (n) =>
    `目标 ${formatBytes(n.targetBytes)}：扣除 ${formatBytes(n.overheadBytes)} 封装开销和 ${n.marginPercent}% 安全余量后，总共 ${Math.round(n.totalKbps)} kbps。`,
  'bitrate-unused': (n) => `可用 ${Math.round(n.availableKbps)} kbps，只用 ${n.usedKbps} kbps：再多也不会比原视频更好看。`,
  'picture-scaled': (n) => `画面缩小到 ${n.width}x${n.height}：按 ${n.fullWidth}x${n.fullHeight} 码率会不够（每像素 ${n.bitsPerPixel.toFixed(3)} 位）。`,
  'sound-under-floor': (n) =>
    `声音低于下限（${n.floorKbps} kbps ${zhPieces.channels(n.floorChannels)}）：给声音这么多，画面就拿不到即使在 ${n.width}x${n.height} 下保持流畅也需要的 ${Math.round(n.pictureKbps)} kbps。`,
  'quality-search': (n) => {
    const bar = n.bar.metric === 'vmaf' ? `VMAF ${n.bar.value}（样片上）` : `SSIM ${n.bar.value}`;
    const verdict = n.between
      ? `约保持 ${zhPieces.score(n.score)}（介于 CRF ${n.between[0]} 与 ${n.between[1]} 两次试验之间）`
      : n.passed
        ? `保持 ${zhPieces.score(n.score)}`
        : `（试过的最好结果）只达到 ${zhPieces.score(n.score)}，低于要求的 ${bar}`;
    const how = n.reused ? '之前已在这个文件上测过' : n.whole ? `在整段视频上测得（试了 ${n.tries} 次，每次都是完整编码）` : `在 ${n.sampleSec.toFixed(1)} 秒样片上测得（试了 ${n.tries} 次）`;
    return `画质搜索：CRF ${n.crf} ${verdict}，${how}。`;
  },
  'quality-remeasured': (n) => `整个输出在 CRF ${n.crf} 下测得 ${zhPieces.score(n.score)}，低于标准：改用 CRF ${n.lowerCrf} 重新编码。`,
  'quality-over-cap': (n) => `按画质“${qualityName(n.quality, 'zh')}”会超过 ${formatBytes(n.capBytes)}：${n.copied ? '原文件已经符合，直接复制' : '改为按大小编码'}。`,
  'bigger-than-source': (n) =>
    `为保持画质，结果比原文件大（${formatBytes(n.bytes)}，原文件 ${formatBytes(n.sourceBytes)}）：原文件的 ${n.sourceCodec.toUpperCase()} 在这个画质下比 H.264 更省空间。指定大小即可限制它。`,
  'under-encoder-floor': (n) => `${n.kbps} kbps 低于编码器在 ${n.width}x${n.height} 下的最低码率：改为 ${zhPieces.change(n.change)} 重新编码。`,
  'size-overshot': (n) =>
    `结果 ${formatBytes(n.actualBytes)}，超过 ${formatBytes(n.targetBytes)}：改为 ${[`${n.kbps} kbps`, ...(n.change ? [zhPieces.change(n.change)] : [])].join('、')} 重新编码。`,
  'size-topped-up': (n) => `结果 ${formatBytes(n.actualBytes)}，远小于计划的 ${formatBytes(n.aimBytes)}：第二遍以 ${n.kbps} kbps 重新编码。`,
  'sound-measured': (n) =>
    `声音实际用了预留 ${formatBytes(n.plannedBytes)} 中的 ${formatBytes(n.audioBytes)}：${n.spare ? '剩下的给画面' : '多出的从画面里扣'}（${n.kbps} kbps）。`,
  'worker-plan': (n) =>
    `渲染工作机的 ffmpeg ${n.missingEncoder ? `没有 ${n.missingEncoder}` : '与节点的版本不同'}，所以实际执行的方案与承诺的不同：${n.differences.map(zhPieces.difference).join('、')}。`,
  'full-frame-kept': (n) =>
    `样片编码后保留完整的 ${n.width}x${n.height}、${fps(n.fps)} fps：SSIM ${n.ssim.toFixed(4)}，而 ${n.plannedWidth}x${n.plannedHeight} 为 ${n.plannedSsim.toFixed(4)}。`,
};

/** The notes' words in each language replies are worded in. */
export const PLAN_NOTE_WORDS: Readonly<Record<Language, Wording<PlanNote>>> = { en, zh };

/** One note as a sentence in `language`. */
export function planNoteText(note: PlanNote, language: Language): string {
  return wordWith(PLAN_NOTE_WORDS[language], note);
}

/** A frame rate to two decimals at most: 29.97, 30. */
function fps(value: number): string {
  return String(Number(value.toFixed(2)));
}
