import type { Quality } from './types.js';
import type { Rule } from './scan.js';

const ASPECT_OF_PICTURE = String.raw`(?:visual |video |image |picture |any |the |much |its |of |in ){0,3}`;
const LOSE = String.raw`(?:losing|loosing|sacrificing|hurting|degrading|reducing|lowering|dropping|compromising(?: on)?|ruining|affecting|loss of|loss in|a loss of|any loss of|any loss in|quality loss|visible loss|much loss)`;

// Every phrase below holds one of these: a cheap test that lets most instructions skip the phrases.
const QUALITY_WORD = /quality|look|loss|detail|degradation|difference|same|original|identical|balanced|small|tiny|tini|hq|compress|good|sharp|clear|crisp|light|gentl|mild|as much as|画质|质量|清晰|画面|无损|均衡|平衡|小/;

/** Phrases per quality level, most specific first. Quality is left unset unless the user names it. */
const PHRASES: [Quality, RegExp][] = [
  [
    'visually-lossless',
    new RegExp(
      [
        String.raw`\bwithout (?:${LOSE} ?)?${ASPECT_OF_PICTURE}(?:quality|loss|detail)(?: loss)?\b`,
        String.raw`\bno (?:visible |noticeable |visual |real )?(?:quality |visual |image |picture )?(?:loss|degradation|difference)(?: (?:of|in) (?:the )?quality)?\b`,
        String.raw`\b(?:don'?t|do not|never|not) (?:want to |wanna |need to )?(?:lose|loose|sacrifice|reduce|lower|hurt|ruin|drop|degrade|affect|touch) ${ASPECT_OF_PICTURE}quality\b`,
        String.raw`\b(?:keep|keeping|maintain|maintaining|preserve|preserving|retain|retaining)(?: the| its| full| original| same| all| as much){0,3}(?: visual| video| image| picture)? quality\b`,
        String.raw`\b(?:same|original|full|maximum|max|best|highest|top|perfect|pristine|lossless|best possible|max possible|studio) (?:visual |video |image |picture )?quality\b`,
        String.raw`\bvisually[ -]?lossless\b|\bnear[ -]?lossless\b|\bperceptually lossless\b`,
        String.raw`\bas (?:good|sharp|clear|crisp|high quality|good looking) as (?:possible|you can|it can be)\b`,
        String.raw`\b(?:looks?|looking) (?:exactly )?the same\b|\b(?:indistinguishable|identical) (?:from|to) (?:the )?original\b`,
        String.raw`不(?:损失|降低|影响|丢失|损|掉|牺牲)(?:画质|质量|清晰度|画面)|(?:画质|质量)(?:不变|无损|不损失|不降低|不要变差|保持不变)|保持(?:原)?(?:画质|质量)|原画质|最高画质|最佳画质|画质最好|无损画质|视觉无损`,
      ].join('|'),
      'g',
    ),
  ],
  ['high', /\bwithout (?:losing |sacrificing |hurting |lowering )?(?:too|that|so) much (?:of (?:the |its )?)?(?:quality|detail)(?: loss)?\b|\bwithout (?:too|that|so) much (?:quality |visible )?loss\b|\b(?:light|lightly|gentle|gently|mild|mildly) compress(?:ed|ion)?\b|\bcompress(?: it| this)? (?:lightly|gently|mildly|a (?:little|bit))\b|\b(?:slightly|(?:just )?a (?:little|bit|tad)) smaller\b|\b(?:look|looks|looking) (?:good|great|nice|sharp|crisp|clean)\b|\b(?:high(?:er)?|good|great|nice|hq|high-quality|better) (?:visual |video |image |picture )?quality\b|\bhq\b|高质量|高画质|画质好|清晰/g],
  ['balanced', /\b(?:reduce|decrease|drop|sacrifice|sacrificing|some loss of|a bit less|slightly lower)(?: the| some)? quality\b|\b(?:medium|balanced|decent|ok|okay|reasonable|normal|average|standard|moderate|acceptable) (?:visual |video |image |picture )?quality\b|\bbalanced\b|均衡|平衡/g],
  [
    'small',
    /\bas (?:small|tiny|little) as (?:possible|you can|it gets|it can get|it can go)\b|\b(?:the )?smallest(?: possible)?(?: size| file| file size)?\b|\b(?:tiniest|tiny|tinier|(?:super|really|very|extra|ultra) small)\b|\bcompress(?: it| this| that)? (?:a lot|heavily|aggressively|hard)\b|\b(?:low|lower|lowest|bad|poor|worst|minimum|min) quality\b|\bmax(?:imum)? compression\b|\bcompress (?:it )?as much as (?:possible|you can)\b|\bi don'?t care about quality\b|\bquality doesn'?t matter\b|最小|越小越好|尽量小|尽可能小|低画质|画质无所谓/g,
  ],
];

/**
 * Quality words. True lossless output would be larger than most sources, so "lossless" means
 * visually lossless here, and the parser says so.
 */
export const qualityRules: Rule[] = [
  ...PHRASES.map(([quality, pattern]): Rule => ({ pattern, when: QUALITY_WORD, read: () => ({ kind: 'goal', goal: { quality } }) })),
  {
    pattern: /\blossless(?:ly)?\b|无损/g,
    read: () => [
      { kind: 'goal', goal: { quality: 'visually-lossless' } },
      { kind: 'remark', remark: { code: 'lossless-as-visually' } },
    ],
  },
];
