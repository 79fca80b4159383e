import { formatBytes, formatSeconds } from '../units.js';
import { wordWith, type Language, type Wording } from './language.js';
import { platformById } from './platforms.js';
import type { NotOffered, Remark } from './remarks.js';

// The parser's remarks in words, one table per language, line for line. The examples in them are
// instructions the parser reads in that language ("say 720p", “说“720p””), so a reply can be
// answered as it suggests. Sizes and codec names read the same in both.

const CODEC = { h264: 'H.264', h265: 'H.265' } as const;

const NOT_OFFERED_EN: Record<NotOffered, string> = {
  rotate: "I don't rotate videos (a phone's rotation is applied by itself).",
  flip: "I don't flip or mirror videos.",
  speed: "I don't change the playback speed.",
  colour: "I don't change colours, brightness or contrast.",
  subtitles: "I don't add subtitles; a title I can add (add title “…”).",
  volume: "I don't change the sound's volume; I can mute it, or set background music's volume.",
  stabilize: "I don't stabilize shaky video.",
  denoise: "I don't remove noise.",
  reverse: "I don't play videos backwards.",
  upscale: "I don't upscale: a resolution is the most the output will have.",
  watermark: "I don't add or remove watermarks.",
  undo: "I can't undo a change: say the setting you want instead (“make it 1080p”), or “new project” to start over.",
};

const NOT_OFFERED_ZH: Record<NotOffered, string> = {
  rotate: '我不能旋转视频（手机视频的方向会自动摆正）。',
  flip: '我不能翻转或镜像视频。',
  speed: '我不能改变播放速度。',
  colour: '我不能调色、调亮度或对比度。',
  subtitles: '我不能加字幕，但可以加标题（加标题“…”）。',
  volume: '我不能调声音的音量，但可以静音，或设置背景音乐的音量。',
  stabilize: '我不能给视频防抖。',
  denoise: '我不能降噪。',
  reverse: '我不能倒放视频。',
  upscale: '我不会放大分辨率：分辨率只是输出的上限。',
  watermark: '我不能加或去水印。',
  undo: '我不能撤销修改：请直接说想要的设置（“改成1080p”），或说“新项目”重新开始。',
};

const en: Wording<Remark> = {
  'ask-what-to-do': () => 'What should I do with your video? Try “compress this video to under 100MB without losing quality”, “export 1080p MP4” or “make it fit Discord”.',
  'two-platforms': ({ first, last }) => `You named both ${label(first)} and ${label(last)}; I'll fit ${label(last)} (said last).`,
  'said-twice': ({ first, last }) => `You asked for both “${first}” and “${last}”; I'll use “${last}” (said last).`,
  'tight-size': ({ targetBytes, resolution, lossless }) => {
    const demands = [resolution !== undefined ? `${resolution}p` : undefined, lossless ? 'visually lossless' : undefined].filter((demand) => demand !== undefined);
    return `${formatBytes(targetBytes)} is very little room for ${demands.join(' and ')}: the size cap wins, so resolution or quality may be lowered to fit. Is that all right?`;
  },
  'size-and-fraction': () => 'You gave a size and a fraction of the original: whichever is smaller will apply.',
  'smallest-and-resolution': ({ resolution }) => `“As small as possible” and ${resolution}p pull apart: I'll keep ${resolution}p and lower the quality.`,
  'webm-codec': ({ codec }) => `WebM cannot hold ${CODEC[codec]}: choose MP4 for it, or AV1 for WebM.`,
  'platform-length': ({ platform, limitSec }) => {
    const limit = formatSeconds(limitSec);
    return `${label(platform)} takes videos up to ${limit}. If yours is longer, shall I keep only the first ${limit}? Say “first ${limit}” to trim it.`;
  },
  'platform-too-long': ({ platform, limitSec, longer }) => {
    const limit = formatSeconds(limitSec);
    if (longer.length === 1) return `${label(platform)} takes videos up to ${limit} and ${longer[0].name} is ${formatSeconds(longer[0].lengthSec)}: shall I keep only its first ${limit}? Say “yes” to trim it.`;
    const names = longer.map(({ name, lengthSec }) => `${name} (${formatSeconds(lengthSec)})`);
    return `${label(platform)} takes videos up to ${limit} and ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are longer: shall I keep only the first ${limit} of each? Say “yes” to trim them.`;
  },
  'bare-number': ({ word }) => `What is “${word}”? A size needs a unit, like “${word}MB”.`,
  'source-size': ({ bytes }) => `I read ${formatBytes(bytes)} as the video's size now: how small should it be?`,
  'percent-of-original': ({ said, percent }) => `I read “${said}” as ${percent}% of the original size; say “${percent}% smaller” if you meant that.`,
  'not-smaller': ({ said }) => `“${said}” does not leave a size smaller than the original: how small should it be?`,
  'which-resolution': () => 'Which resolution should it have? Say for example “720p”.',
  'default-resolution-cap': () => 'Videos are capped at 1080p unless you name a resolution or ask for no quality loss: say “4k” or “without losing quality” to keep a 4K source as it is.',
  'bad-resolution': ({ said }) => `“${said}” is not a resolution I can make: say 360p to 2160p.`,
  'which-frame-rate': () => 'Which frame rate should it have? Say for example “30fps”.',
  'bad-frame-rate': ({ said }) => `“${said}” is not a frame rate I can use: try 24, 30 or 60 fps.`,
  'lossless-as-visually': () => '“Lossless” taken as visually lossless: truly lossless video is usually larger than the original.',
  'bitrate-from-size': () => "I set the video's bitrate from a size, not directly: how big should the file be?",
  'audio-bitrate-read': ({ said }) => `I read “${said}” as the audio bitrate.`,
  'bad-audio-bitrate': ({ kbps }) => `${kbps} kbps is not an audio bitrate I can use: try 64 to 320.`,
  'codec-not-offered': ({ codec }) => `${codec.toUpperCase()} is not offered: choose H.264, H.265 or AV1.`,
  'container-not-offered': ({ container }) => `I write MP4, WebM, MOV or MKV, not ${container.toUpperCase()}: which of those should it be?`,
  'picked-myself': ({ said }) => `I pick “${said}” myself from the size and quality you want: say a size (“under 50MB”) or a quality (“visually lossless”) instead.`,
  'hardware-by-itself': () => 'A hardware encoder is used by itself when the machine has one that passes a test encode.',
  'hdr-tone-mapped': () => 'HDR video is tone-mapped to SDR for H.264, so it looks right on every screen.',
  'stray-duration': ({ said }) => `What should “${said}” do? Say for example “first ${said}” or “cut the first ${said}”.`,
  'trim-reversed': () => 'That trim ends before it starts: give the start first, then the end (“from 0:10 to 0:45”).',
  'title-needs-text': () => 'What should the title say? Put it in quotes, e.g. add a title "Urban Dreams".',
  'music-volume-range': () => 'The music volume goes from 0 to 100%: how loud should it be?',
  'not-a-size': ({ said }) => `“${said}” is not a size I can aim for.`,
  'bad-shape': ({ said }) => `I can shape videos to 16:9, 9:16, 1:1 or 4:5, not ${said}: which of those?`,
  'edit-not-offered': ({ edit }) => `${NOT_OFFERED_EN[edit]} I compress, resize, trim, crop to a shape, change the frame rate, mute, and add a title or background music.`,
  'floor-size': ({ amount, unit }) => `I can keep a file under a size, not over one: did you mean “under ${amount} ${unit}”?`,
};

const zh: Wording<Remark> = {
  'ask-what-to-do': () => '要把视频怎么处理？可以试试“把这个视频压缩到100MB以内，画质不变”“转成1080p MP4”或“发到Discord”。',
  'two-platforms': ({ first, last }) => `你同时提到了 ${label(first)} 和 ${label(last)}，我按最后说的 ${label(last)} 来处理。`,
  'said-twice': ({ first, last }) => `你既说了“${first}”又说了“${last}”，我按最后说的“${last}”来处理。`,
  'tight-size': ({ targetBytes, resolution, lossless }) => {
    const demands = [resolution !== undefined ? `${resolution}p` : undefined, lossless ? '视觉无损' : undefined].filter((demand) => demand !== undefined);
    return `${formatBytes(targetBytes)} 放${demands.join('和')}太紧了：大小上限优先，可能会降低分辨率或画质来满足。可以吗？`;
  },
  'size-and-fraction': () => '你既给了大小，又给了原大小的比例：按两者中更小的那个来。',
  'smallest-and-resolution': ({ resolution }) => `“尽量小”和 ${resolution}p 互相矛盾：我会保留 ${resolution}p，降低画质。`,
  'webm-codec': ({ codec }) => `WebM 不能装 ${CODEC[codec]}：要 ${CODEC[codec]} 就选 MP4，要 WebM 就选 AV1。`,
  'platform-length': ({ platform, limitSec }) => {
    const limit = chineseSeconds(limitSec);
    return `${label(platform)} 只收 ${limit} 以内的视频。如果你的更长，要只保留前 ${limit} 吗？说“前${limit}”即可剪掉后面。`;
  },
  'platform-too-long': ({ platform, limitSec, longer }) => {
    const limit = chineseSeconds(limitSec);
    if (longer.length === 1) return `${label(platform)} 只收 ${limit} 以内的视频，${longer[0].name} 有 ${formatSeconds(longer[0].lengthSec)}：要只保留前 ${limit} 吗？说“好”就剪。`;
    const names = longer.map(({ name, lengthSec }) => `${name}（${formatSeconds(lengthSec)}）`);
    return `${label(platform)} 只收 ${limit} 以内的视频，${names.join('、')} 都更长：要各只保留前 ${limit} 吗？说“好”就剪。`;
  },
  'bare-number': ({ word }) => `“${word}”是指什么？大小要带单位，比如“${word}MB”。`,
  'source-size': ({ bytes }) => `我把 ${formatBytes(bytes)} 理解为视频现在的大小：要压到多小？`,
  'percent-of-original': ({ said, percent }) => `我把“${said}”理解为原大小的 ${percent}%；如果你是想缩小 ${percent}%，请说“缩小${percent}%”。`,
  'not-smaller': ({ said }) => `按“${said}”得不到比原文件更小的大小：要压到多小？`,
  'which-resolution': () => '要什么分辨率？比如说“720p”。',
  'default-resolution-cap': () => '不指定分辨率或不要求画质不变时，视频最高 1080p：说“4k”或“画质不变”可以让 4K 视频保持原样。',
  'bad-resolution': ({ said }) => `“${said}”不是我能做的分辨率：请说 360p 到 2160p 之间的。`,
  'which-frame-rate': () => '要什么帧率？比如说“30fps”。',
  'bad-frame-rate': ({ said }) => `“${said}”不是我能用的帧率：试试 24、30 或 60 fps。`,
  'lossless-as-visually': () => '“无损”按视觉无损处理：真正的无损视频通常比原文件还大。',
  'bitrate-from-size': () => '视频码率由目标大小决定，不能直接指定：文件要多大？',
  'audio-bitrate-read': ({ said }) => `我把“${said}”理解为音频码率。`,
  'bad-audio-bitrate': ({ kbps }) => `${kbps} kbps 不是我能用的音频码率：请在 64 到 320 之间选。`,
  'codec-not-offered': ({ codec }) => `不支持 ${codec.toUpperCase()}：请选 H.264、H.265 或 AV1。`,
  'container-not-offered': ({ container }) => `我能输出 MP4、WebM、MOV 或 MKV，不能输出 ${container.toUpperCase()}：要哪一种？`,
  'picked-myself': ({ said }) => `“${said}”由我根据你要的大小和画质来定：请改说大小（“50MB以内”）或画质（“视觉无损”）。`,
  'hardware-by-itself': () => '机器上有通过试编码的硬件编码器时，会自动使用。',
  'hdr-tone-mapped': () => 'HDR 视频会色调映射为 SDR 再编码成 H.264，在任何屏幕上都显示正常。',
  'stray-duration': ({ said }) => `“${said}”要做什么？比如说“前${said}”或“剪掉前${said}”。`,
  'trim-reversed': () => '这段剪辑的结束早于开始：请先说开始、再说结束（“从0:10到0:45”）。',
  'title-needs-text': () => '标题要写什么？请放在引号里，比如：加标题“城市之梦”。',
  'music-volume-range': () => '背景音乐音量在 0 到 100% 之间：要多大声？',
  'not-a-size': ({ said }) => `“${said}”不是我能作为目标的大小。`,
  'bad-shape': ({ said }) => `画面比例只能是 16:9、9:16、1:1 或 4:5，不能是 ${said}：要哪一种？`,
  'edit-not-offered': ({ edit }) => `${NOT_OFFERED_ZH[edit]}我能做的是：压缩、改分辨率、剪辑时长、裁成指定比例、改帧率、静音、加标题或背景音乐。`,
  'floor-size': ({ amount, unit }) => `我只能把文件控制在某个大小以内，不能保证超过它：你是想说“${amount}${unit}以内”吗？`,
};

/** The remarks' words in each language replies are worded in. */
export const REMARK_WORDS: Readonly<Record<Language, Wording<Remark>>> = { en, zh };

/** One remark as a sentence in `language`. */
export function remarkText(remark: Remark, language: Language): string {
  return wordWith(REMARK_WORDS[language], remark);
}

function label(id: string): string {
  return platformById(id)?.label ?? id;
}

/** "10分钟", "2分20秒", "45秒": a platform's limit as a Chinese instruction would say it. */
function chineseSeconds(seconds: number): string {
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  if (minutes === 0) return `${rest}秒`;
  return rest === 0 ? `${minutes}分钟` : `${minutes}分${rest}秒`;
}
