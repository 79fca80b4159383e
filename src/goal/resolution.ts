import { HAS_DIGIT, type Rule, type Understood } from './scan.js';
import { GOAL_LIMITS } from './types.js';

// Every named or numbered resolution holds one of these.
const RESOLUTION_WORD = /\d|hd|sd|清|蓝光/;
// The ways a resolution is named, for telling the source's apart from the one asked for.
const NAMED_OR_P = String.raw`\d{3,4}\s?p|[248]k|uhd|full ?hd|fhd|hd|\d{3,5}\s?[x×]\s?\d{3,5}`;

/** Named resolutions, as the short side they cap. Longer names first: "full hd" before "hd". */
const NAMED: [RegExp, number][] = [
  [/\b8k\b/g, 4320],
  [/\b(?:4k(?: uhd)?|uhd|ultra ?hd)\b|超高清|4k超清/g, 2160],
  [/\b(?:2k|qhd|quad ?hd|wqhd)\b|2k高清/g, 1440],
  [/\b(?:full ?hd|fhd|fullhd)\b|全高清|超清|蓝光/g, 1080],
  [/\bhd(?: ready)?\b|高清/g, 720],
  [/\bsd\b|标清/g, 480],
];

/** "1080p", "1080p60", "1920x1080", "4k", "full hd", "高清", and bare "720" once sizes are read. */
export const resolutionRules: Rule[] = [
  {
    // "my 4k video", "this 1080p clip", "4k to 1080p": the input's resolution, not a request.
    when: RESOLUTION_WORD,
    pattern: new RegExp(
      String.raw`\b(?:my|this|that|these|those|from|your|original|source|it's|it is|was)\s{1,2}(?:${NAMED_OR_P})(?![a-z\d])|(?<![\w.])(?:${NAMED_OR_P})\s{0,2}(?:to|->|→|into)(?=\s{0,2}(?:${NAMED_OR_P})(?![a-z\d]))`,
      'g',
    ),
    read: () => [],
  },
  {
    when: HAS_DIGIT,
    pattern: /(?<![\d.])(\d{3,5})\s{0,2}[x×*]\s{0,2}(\d{3,5})(?![\d.])/g,
    read: ([said, width, height]) => shortSide(Math.min(Number(width), Number(height)), said),
  },
  {
    // "1080p60" also caps the frame rate.
    when: HAS_DIGIT,
    pattern: /(?<![\d.])(\d{3,5})\s?p(?:\s?(\d{2,3})(?:\s?fps)?)?(?![a-z\d])/g,
    read: ([said, p, fps]) => {
      const found = shortSide(Number(p), said);
      return fps === undefined || found.kind !== 'goal' ? found : { kind: 'goal', goal: { ...found.goal, fps: Number(fps) } };
    },
  },
  {
    // "4k60": resolution and frame rate the way cameras label them.
    when: HAS_DIGIT,
    pattern: /(?<![\d.])([248])k\s?(\d{2,3})(?:\s?fps)?(?![a-z\d])/g,
    read: ([, k, fps]) => ({ kind: 'goal', goal: { resolution: { 2: 1440, 4: 2160, 8: 4320 }[k] ?? 2160, fps: Number(fps) } }),
  },
  ...NAMED.map(([pattern, p]): Rule => ({ pattern, when: RESOLUTION_WORD, read: () => ({ kind: 'goal', goal: { resolution: p } }) })),
  {
    pattern: /\b(?:lower|reduce|smaller|decrease|drop|downscale)(?: the)? (?:resolution|res)\b|\bdownscale\b|降低分辨率|降分辨率/g,
    read: () => ({ kind: 'remark', remark: { code: 'which-resolution' } }),
  },
  {
    pattern: /\b(?:keep|same|original|full|native)(?: the)?(?: original| same| full)? (?:resolution|res)\b|保持分辨率|原分辨率/g,
    read: () => ({ kind: 'remark', remark: { code: 'default-resolution-cap' } }),
  },
];

/** A bare standard height ("in 720"), read after sizes and times so it cannot steal their numbers. */
export const bareResolutionRule: Rule = {
  when: HAS_DIGIT,
  pattern: /(?<![\d.:,])(2160|1440|1080|720|540|480|360|240)(?![\d.:,%])/g,
  read: ([said]) => shortSide(Number(said), said),
};

function shortSide(p: number, said: string): Understood {
  if (p >= GOAL_LIMITS.resolution.min && p <= GOAL_LIMITS.resolution.max) return { kind: 'goal', goal: { resolution: p } };
  return { kind: 'unknown', word: said, question: { code: 'bad-resolution', said } };
}
