import { HAS_DIGIT, type Rule, type Understood } from './scan.js';
import { GOAL_LIMITS } from './types.js';

// Every mute or keep phrase holds one of these.
const AUDIO_WORD = /mut|silen|audio|sound|music|音|声/;
const KBPS = String.raw`(?:k|kbps|kb/s|kbit/s|kbits?|kbit)`;
const AUDIO = String.raw`(?:audio|sound|aac|music)`;

/** Audio: a bitrate ("audio at 96k", "128kbps audio", "音频96k"), mute, or keep. Read before sizes: "96k" here is not 96 KB. */
export const audioRules: Rule[] = [
  {
    when: HAS_DIGIT,
    pattern: new RegExp(
      String.raw`\b${AUDIO}(?: bitrate| quality| rate)?(?: at| to| of| =|:)?\s{0,2}(\d{2,3})\s?${KBPS}?(?![a-z\d])|(?<![\d.])(\d{2,3})\s?${KBPS}\s{0,2}(?:${AUDIO}\b|音频|声音)|(?:音频|声音)(?:码率)?\s{0,2}(\d{2,3})\s?${KBPS}?(?![a-z\d])`,
      'g',
    ),
    read: ([, a, b, c]) => bitrate(Number(a ?? b ?? c)),
  },
  {
    when: HAS_DIGIT,
    pattern: /(?<![\d.])(\d{2,4})\s?(?:kbps|kb\/s|kbit\/s)(?![a-z])/g,
    read: ([said, kbps]) => {
      const rate = Number(kbps);
      if (rate > 320) {
        return { kind: 'unknown', word: said, question: { code: 'bitrate-from-size' } };
      }
      return [bitrate(rate), { kind: 'remark', remark: { code: 'audio-bitrate-read', said } }];
    },
  },
  {
    when: AUDIO_WORD,
    pattern:
      /\b(?:mute|muted|muting|silent|silence|silenced|no audio|no sound|no music|audio off|sound off|without (?:any |the )?(?:audio|sound|music)(?: track)?|(?:remove|removing|delete|drop|strip|kill|cut|cut out|get rid of|take out|lose|turn off|disable|discard|ditch)(?: the| all| any)? (?:audio|sound|music)(?: track)?)\b|静音|(?:去掉|去除|删除|删掉|关闭|不要|移除|去)(?:声音|音频|音轨)|(?:声音|音频|音轨)(?:去掉|去除|删除|删掉|关掉|关闭|移除|不要了?)|无声|消音/g,
    read: () => ({ kind: 'goal', goal: { audio: 'mute' } }),
  },
  {
    when: AUDIO_WORD,
    pattern: /\b(?:keep|keeping|retain|preserve|with|leave)(?: the| its| original| all)? (?:audio|sound|music)(?: track)?\b|\b(?:audio|sound) on\b|(?:保留|保持|留着|要)(?:声音|音频|原声)|有声音/g,
    read: () => ({ kind: 'goal', goal: { audio: 'keep' } }),
  },
];

function bitrate(kbps: number): Understood {
  if (kbps >= GOAL_LIMITS.audioKbps.min && kbps <= GOAL_LIMITS.audioKbps.max) return { kind: 'goal', goal: { audio: { bitrateKbps: kbps } } };
  return { kind: 'unknown', word: `${kbps}k`, question: { code: 'bad-audio-bitrate', kbps } };
}
