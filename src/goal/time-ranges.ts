import { DURATION, DURATION_OR_NUMBER, lastUnitSeconds, toSeconds } from './durations.js';
import type { Rule, Understood } from './scan.js';

// Verbs that remove the part they name ("cut the first 5s") and phrases that keep it ("keep the
// first 10 seconds", "trim to the first 10 seconds"). Keeping is tried first.
const KEEP = String.raw`(?:keep|keeping|only|just|use|take|want|(?:cut|trim|clip|shorten|crop)(?: it| this| the video| the clip| this video)?(?: down)? to)(?: only| just)?(?: the)?`;
const DROP = String.raw`(?:cut|cut out|cut off|remove|removing|drop|skip|skipping|delete|trim|trim off|trimming|chop|chop off|lose|get rid of|take out|omit|strip|ditch)(?: off| out| away)?(?: the)?`;
const DROP_ZH = '剪掉|剪去|去掉|删掉|删除|去除|裁掉|切掉|不要|跳过';
const KEEP_ZH = '保留|只要|只留|截取|要';
// Every trim names at least one length of time with a unit or on a clock.
const HAS_DURATION = new RegExp(DURATION);
const RANGE_SEP = String.raw`(?:to|until|till|through|thru|and|-|–|—|~|到|至)`;

/**
 * Trims. A Goal's trim counts back from the end when a bound is negative: "last 30 seconds" is
 * `{ startSec: -30 }`, "cut the last 5s" is `{ startSec: 0, endSec: -5 }` (see the Goal type).
 */
export const trimRules: Rule[] = [
  {
    // "from 0:10 to 0:45", "between 10 and 45 seconds", "0:10-0:45", "0:05 to 0:20", "从10秒到45秒"
    when: HAS_DURATION,
    pattern: new RegExp(
      String.raw`(?:\b(?:from|between|starting at|start at|starting from)|从)\s{0,2}(${DURATION_OR_NUMBER})\s{0,2}${RANGE_SEP}\s{0,2}(${DURATION_OR_NUMBER})|(${DURATION})\s{0,2}(?:to|until|till|-|–|—|~|到|至)\s{0,2}(${DURATION})`,
      'g',
    ),
    read: ([, from, to, bareFrom, bareTo]) => {
      const end = bareTo ?? to;
      const start = bareFrom ?? from;
      // A range needs at least one unit or clock ("from 10 to 45" alone could be anything).
      if (!/[^\d.\s]/.test(start + end)) return undefined;
      return range(toSeconds(start, lastUnitSeconds(end)), toSeconds(end, lastUnitSeconds(start)));
    },
  },
  {
    // "cut the first 3 seconds and the last 2": one verb for both ends.
    when: HAS_DURATION,
    pattern: new RegExp(
      String.raw`\b(${DROP})\s{1,3}(?:the\s)?first\s{0,2}(${DURATION_OR_NUMBER})\s{0,2}(?:and|&|,)\s{0,2}(?:the\s)?last\s{0,2}(${DURATION_OR_NUMBER})|(?:${DROP_ZH})前\s{0,1}(${DURATION})\s{0,1}(?:和|与|、|,)\s{0,1}(?:最后|后)\s{0,1}(${DURATION})`,
      'g',
    ),
    read: ([, , firstEn, lastEn, firstZh, lastZh]) => {
      const [first, last] = [firstEn ?? firstZh, lastEn ?? lastZh];
      if (!/[^\d.\s]/.test(first + last)) return undefined;
      const start = toSeconds(first, lastUnitSeconds(last));
      const end = toSeconds(last, lastUnitSeconds(first));
      return start > 0 && end > 0 ? trim({ startSec: start, endSec: -end }) : undefined;
    },
  },
  endOfVideoRule('first|opening|beginning|initial', '开头|最前面|前面|前', (seconds) => ({ startSec: 0, endSec: seconds }), (seconds) => ({ startSec: seconds })),
  endOfVideoRule('last|final|ending|closing', '结尾|末尾|最后面|后面|最后|后', (seconds) => ({ startSec: -seconds }), (seconds) => ({ startSec: 0, endSec: -seconds })),
  {
    // "trim to 1 minute", "make it 30 seconds long", "under 60 seconds", "剪到1分钟", "30秒以内"
    when: HAS_DURATION,
    pattern: new RegExp(
      String.raw`\b(?:(?:trim|cut|shorten|clip|crop|reduce|make|keep|get)(?: it| this| the video| the clip| this video| the length)?(?: down)? to|(?:under|less than|shorter than|at most|max(?:imum)?|no longer than|not longer than|within|up to))\s{1,3}(${DURATION})|\b(?<!\b(?:my|this|that|the) )(?:make it |keep it )?(${DURATION})\s(?:long|max|maximum|or less|or shorter|at most|tops|clip|video|version|cut|edit|teaser|preview|snippet)\b|(?:剪到|剪成|裁剪到|缩短到|截到|时长|长度)\s{0,1}(${DURATION})(?:以内|以下)?|(${DURATION})\s{0,1}(?:以内|以下|之内)`,
      'g',
    ),
    read: ([, a, b, c, d]) => {
      const seconds = toSeconds(a ?? b ?? c ?? d);
      return seconds > 0 ? trim({ startSec: 0, endSec: seconds }) : undefined;
    },
  },
  {
    when: HAS_DURATION,
    pattern: new RegExp(
      String.raw`\b(?:start|starting|begin|beginning)(?: it)? (?:at|from)\s{1,2}(${DURATION})|\bfrom\s{1,2}(${DURATION})(?: on| onwards?| to the end)?|从\s{0,1}(${DURATION})\s{0,1}开始`,
      'g',
    ),
    read: ([, a, b, c]) => {
      const seconds = toSeconds(a ?? b ?? c);
      return seconds >= 0 ? trim({ startSec: seconds }) : undefined;
    },
  },
  {
    when: HAS_DURATION,
    pattern: new RegExp(String.raw`\b(?:end|ending|stop|stopping|until|till)(?: it)?(?: at)?\s{1,2}(${DURATION})|到\s{0,1}(${DURATION})\s{0,1}结束`, 'g'),
    read: ([, a, b]) => {
      const seconds = toSeconds(a ?? b);
      return seconds > 0 ? trim({ startSec: 0, endSec: seconds }) : undefined;
    },
  },
];

/**
 * A length of time nothing above placed ("10 seconds"): ask what it is for rather than guess.
 * "my 10 second clip" describes the input and is let go.
 */
export const strayDurationRule: Rule = {
  when: HAS_DURATION,
  pattern: new RegExp(String.raw`(\b(?:my|this|that|your)\s)?(${DURATION})`, 'g'),
  read: ([, source, said]) =>
    source !== undefined
      ? []
      : { kind: 'unknown', word: said, question: { code: 'stray-duration', said } },
};

type Trim = { startSec: number; endSec?: number };

/**
 * "first 10 seconds" keeps the start, "cut the first 5s" drops it; the same words for the end.
 * `words` and `wordsZh` name the end; `keep` and `drop` say what each verb makes of the seconds.
 */
function endOfVideoRule(words: string, wordsZh: string, keep: (seconds: number) => Trim, drop: (seconds: number) => Trim): Rule {
  return {
    when: HAS_DURATION,
    pattern: new RegExp(
      String.raw`(?:\b(?:${KEEP}|(${DROP}))\s{1,3})?\b(?:the\s)?(?:${words})\s{0,2}(${DURATION})|(?:${KEEP_ZH}|(${DROP_ZH}))?\s{0,1}(?:视频)?的?(?:${wordsZh})的?\s{0,1}(${DURATION})`,
      'g',
    ),
    read: ([, dropped, amount, droppedZh, amountZh]) => {
      const seconds = toSeconds(amount ?? amountZh);
      if (!(seconds > 0)) return undefined;
      return trim(dropped !== undefined || droppedZh !== undefined ? drop(seconds) : keep(seconds));
    },
  };
}

function range(startSec: number, endSec: number): Understood {
  if (!(endSec > startSec) || !(startSec >= 0)) {
    return { kind: 'remark', remark: { code: 'trim-reversed' } };
  }
  return trim({ startSec, endSec });
}

function trim(value: Trim): Understood {
  const round = (seconds: number) => Math.round(seconds * 1000) / 1000;
  const rounded = value.endSec === undefined ? { startSec: round(value.startSec) } : { startSec: round(value.startSec), endSec: round(value.endSec) };
  return { kind: 'goal', goal: { trim: rounded } };
}
