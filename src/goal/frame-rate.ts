import { HAS_DIGIT, type Rule, type Understood } from './scan.js';
import { GOAL_LIMITS } from './types.js';

const RATE = String.raw`(\d{1,3}(?:\.\d{1,3})?)`;

/** Frame-rate caps: "30fps", "60 fps", "frame rate 24", "帧率30", "30帧". */
export const frameRateRules: Rule[] = [
  {
    when: HAS_DIGIT,
    pattern: new RegExp(
      String.raw`(?<![\d.])${RATE}\s{0,2}(?:fps|frames? per second|frames?/s|frames?|帧每秒|帧/秒|帧)(?![a-z])|\b(?:fps|frame ?rate|framerate)(?: of| at| to| =|:)?\s{0,2}${RATE}(?![\d.])|帧率(?:降到|降低到|改为|改成|设为|设置为|为|到)?\s{0,2}${RATE}`,
      'g',
    ),
    read: ([said, a, b, c]) => cap(Number(a ?? b ?? c), said),
  },
  {
    // "60p": a frame rate written the way cameras label it (resolutions have three digits or more).
    when: HAS_DIGIT,
    pattern: /(?<![\d.])(24|25|30|48|50|60|120)p(?![a-z\d])/g,
    read: ([said, fps]) => cap(Number(fps), said),
  },
  {
    pattern: /\b(?:lower|reduce|decrease|drop|cap|limit)(?: the)? (?:fps|frame ?rate|framerate)\b|降低帧率/g,
    read: () => ({ kind: 'remark', remark: { code: 'which-frame-rate' } }),
  },
];

function cap(fps: number, said: string): Understood {
  if (fps >= GOAL_LIMITS.fps.min && fps <= GOAL_LIMITS.fps.max) return { kind: 'goal', goal: { fps } };
  return { kind: 'unknown', word: said, question: { code: 'bad-frame-rate', said } };
}
