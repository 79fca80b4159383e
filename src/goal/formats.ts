import type { Codec, Container } from './types.js';
import type { Rule } from './scan.js';

const CODECS: [Codec, RegExp][] = [
  ['h264', /\b(?:h\.?\s?264|x264|avc|avc1|mpeg-?4 avc)\b/g],
  ['h265', /\b(?:h\.?\s?265|x265|hevc)\b/g],
  ['av1', /\b(?:av1|av01|aom|svt-?av1|libaom)\b/g],
];

const CONTAINERS: Record<string, Container> = { mp4: 'mp4', m4v: 'mp4', webm: 'webm', mov: 'mov', quicktime: 'mov', mkv: 'mkv', matroska: 'mkv' };
const OTHER_FORMATS = 'avi|gif|wmv|flv|mp3|wav|m4a|aac|3gp|mpg|mpeg|ogg|ogv|mts|m2ts|webp|png|jpg|jpeg';
const MEDIA_EXTENSIONS = `mp4|m4v|webm|mov|mkv|${OTHER_FORMATS}`;

// The word before a format says whether it is the output ("to webm", "as mov") or the input
// ("my mov files", "this mp4"); a bare format ("export 1080p MP4") is the output.
const TARGET_BEFORE = 'to|as|into|in|an?|转成|转为|成|为';
const SOURCE_BEFORE = 'my|this|the|these|those|that|from|your|our|his|her|their|some';
const IS_SOURCE_WORD = new RegExp(`^(?:${SOURCE_BEFORE})$`);

/** Codecs ("h265", "hevc", "av1") and containers ("mp4", "convert to webm"); file names are skipped. */
export const formatRules: Rule[] = [
  {
    // A file name or a link ("vlog.mov", "~/clips/my.trip.mp4", "https://…"): the engine handles
    // files and links, and an extension is not a goal. Whole space-delimited words only.
    when: new RegExp(String.raw`\.(?:${MEDIA_EXTENSIONS})|://`),
    pattern: new RegExp(String.raw`(?<![^\s'])(?:[a-z][a-z\d+.-]{1,10}://[^\s']{1,2000}|[^\s']{1,300}\.(?:${MEDIA_EXTENSIONS}))(?![^\s'])`, 'g'),
    read: () => [],
  },
  ...CODECS.map(([codec, pattern]): Rule => ({ pattern, read: () => ({ kind: 'goal', goal: { codec } }) })),
  {
    pattern: /\b(?:vp9|vp8|prores|mpeg-?2|dnxhd|xvid|divx|theora)\b/g,
    read: ([said]) => ({ kind: 'unknown', word: said, question: { code: 'codec-not-offered', codec: said } }),
  },
  {
    when: /mp4|m4v|webm|mov|quicktime|mkv|matroska/,
    pattern: new RegExp(String.raw`(?:(?<![\w.])(${TARGET_BEFORE}|${SOURCE_BEFORE})\s{0,3})?(?<![\w.])\.?(mp4|m4v|webm|mov|quicktime|mkv|matroska)\b(?:\s{1,2}(?:files?|videos?|clips?|format|container))?`, 'g'),
    read: ([, before, format]) => {
      if (before !== undefined && IS_SOURCE_WORD.test(before)) return [];
      return { kind: 'goal', goal: { container: CONTAINERS[format] } };
    },
  },
  {
    when: new RegExp(OTHER_FORMATS),
    pattern: new RegExp(String.raw`(?:(?<![\w.])(to|as|into|an?|成|为|转成|转为)\s{0,3})?\b(${OTHER_FORMATS})\b(?:\s{1,2}(?:files?|videos?|clips?|format))?`, 'g'),
    read: ([, to, format]) =>
      to === undefined
        ? []
        : { kind: 'unknown', word: format, question: { code: 'container-not-offered', container: format } },
  },
];
