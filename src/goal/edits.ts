import type { Edits } from './parse-types.js';
import type { Rule, Understood } from './scan.js';

// Titles and background music. A title's words must reach the video exactly as typed (case,
// punctuation, any script), but every rule reads lower-cased, normalized text: so the title text
// is lifted out of the raw text first and replaced by a marker (§0§) that the title rule reads.

/** The words that introduce a title, in English and Chinese. */
const TITLE_WORD = String.raw`(?:\b(?:title|text|caption|subtitle|heading|headline|words)(?:\s(?:text|card|that says|saying|which says|reading|of|as))?|标题|字幕|文字|文本)`;
const QUOTED = String.raw`"([^"\n]{1,200})"|“([^”\n]{1,200})”|'([^'\n]{1,200})'|‘([^’\n]{1,200})’|「([^」\n]{1,200})」|『([^』\n]{1,200})』`;
// "add a title 'Urban Dreams'", "加标题“城市梦想”", and "title: Summer 2025" (to the end of the sentence).
const RAW_TITLE = new RegExp(String.raw`(${TITLE_WORD})\s{0,3}[:：=]?\s{0,3}(?:${QUOTED})|(${TITLE_WORD})\s{0,3}[:：=]\s{0,3}([^\s"“'‘「『][^\n.;!?。！？；]{0,199})`, 'giu');

/** Title texts lifted from the raw instruction, and the instruction with each replaced by its marker. */
export type LiftedTitles = { text: string; titles: string[] };

/**
 * Lifts each title's text out of the raw instruction (before normalization), exactly as typed,
 * leaving `§n§` where the title word and its text were. Linear: bounded, non-nested patterns.
 */
export function liftTitles(raw: string): LiftedTitles {
  const titles: string[] = [];
  const text = raw.replace(/§/g, ' ').replace(RAW_TITLE, (...match: string[]) => {
    const said = match.slice(2, 8).find((part) => part !== undefined) ?? match[9];
    const clean = said.trim();
    if (clean === '') return match[0];
    titles.push(clean);
    return ` §${titles.length - 1}§ `;
  });
  return { text, titles };
}

const SECONDS = String.raw`(\d{1,3}(?:\.\d{1,2})?)\s?(?:seconds|second|secs|sec|s|秒)`;
const ADD_VERB = String.raw`(?:(?:\b(?:add|adding|put|insert|show|set|write|overlay|place|display|change|use|with)(?:\s(?:a|an|the|my|this|some|in|on|it to))?|加上|添加|加个|加一个|加|放上|写上)\s?)?`;
const MUSIC = String.raw`(?:background music|background track|bgm|soundtrack|music|song|背景音乐|配乐|音乐)`;
const VOLUME = String.raw`(\d{1,3}(?:\.\d)?)\s?%`;

/** Rules for titles and background music, read first: "music at 35%" is not a relative size. */
export function editRules(titles: readonly string[]): Rule[] {
  return [
    {
      // The marker with its verb and timing: "add a §0§ for 5 seconds", "put the §0§ at the start", "§0§ (0-3s)".
      when: /§/,
      pattern: new RegExp(
        String.raw`${ADD_VERB}§(\d{1,3})§(?:\s?(?:for|lasting|during)?(?:\sthe first)?\s?${SECONDS})?(\s(?:at|in) the (?:very )?(?:start|beginning|opening))?(?:\s?\(?(?:from\s)?(\d{1,3}(?:\.\d{1,2})?)\s?s?\s?(?:-|to)\s?(\d{1,3}(?:\.\d{1,2})?)\s?s(?:ec(?:ond)?s?)?\)?)?`,
        'g',
      ),
      read: ([, index, duration, atStart, from, to]) => {
        const text = titles[Number(index)];
        if (text === undefined) return undefined;
        const title: NonNullable<Edits['title']> = { text };
        if (from !== undefined && to !== undefined && Number(to) > Number(from)) {
          title.startSec = Number(from);
          title.durationSec = Number(to) - Number(from);
        } else {
          if (atStart !== undefined) title.startSec = 0;
          if (duration !== undefined && Number(duration) > 0) title.durationSec = Number(duration);
        }
        return { kind: 'edit', edit: { title } };
      },
    },
    {
      pattern: /\b(?:remove|delete|drop|hide|clear|take out|get rid of|no|without)(?: the| any| my)? (?:title|caption|subtitle|heading|text overlay)s?\b|(?:去掉|删除|删掉|去除|不要|移除)(?:标题|字幕|文字)/g,
      read: () => ({ kind: 'edit', edit: { title: null } }),
    },
    {
      // "add a title" with no text: ask for it rather than draw nothing.
      pattern: /\b(?:add|put|insert|want|need)(?: a| an| the| some)? (?:title|caption|subtitle|heading|text)\b|(?:加|添加|加上|加个)(?:标题|字幕|文字)/g,
      read: () => ({ kind: 'remark', remark: { code: 'title-needs-text' } }),
    },
    {
      pattern: new RegExp(
        String.raw`\b(?:remove|delete|drop|take out|get rid of|no|without|stop)(?: the| any| my)? (?:background music|background track|bgm|soundtrack)\b|\b(?:remove|delete|drop|take out|get rid of)(?: the| my)? (?:music|song)\b|(?:去掉|删除|删掉|去除|不要|移除|关闭)(?:背景音乐|配乐|音乐|bgm)`,
        'g',
      ),
      read: () => ({ kind: 'edit', edit: { music: null } }),
    },
    {
      // "add background music", "use the mp3 as bgm", "add lo-fi music at 35%", "加背景音乐".
      pattern: new RegExp(
        String.raw`(?:\b(?:add|adding|put|use|using|include|play|set)(?: a| an| the| some| my| this)?(?: (?:mp3|wav|m4a|aac|audio|song|track|music file|audio file))? as(?: the| a)? ${MUSIC}|\b(?:add|adding|put|include|play|set|use)(?: a| an| the| some| my| this)?(?: lo-?fi| chill| calm| happy| upbeat)? ${MUSIC}(?: track)?|\bbackground music\b|\bbgm\b|(?:加上|添加|加|配上|放)?(?:背景音乐|配乐|bgm))(?:\s?(?:at|to|with)?\s?${VOLUME}(?:\s?volume)?)?`,
        'g',
      ),
      read: ([, volume]) => music(volume),
    },
    {
      // "music at 35%", "bgm volume 20%", "音量35%", "背景音乐音量20%".
      pattern: new RegExp(String.raw`(?:\b${MUSIC}(?: volume| level)?|\bvolume(?: of the (?:music|bgm|background music))?|(?:背景音乐|音乐)?音量)\s?(?:at|to|=|:)?\s?${VOLUME}`, 'g'),
      read: ([, volume]) => music(volume),
    },
  ];
}

function music(volume: string | undefined): Understood {
  if (volume === undefined) return { kind: 'edit', edit: { music: {} } };
  const percent = Number(volume);
  if (percent > 100) return { kind: 'unknown', word: `${volume}%`, question: { code: 'music-volume-range' } };
  return { kind: 'edit', edit: { music: { volume: percent / 100 } } };
}

/** Later edits win: a new title replaces the last, a music volume updates it. */
export function mergeEdits(base: Edits | undefined, next: Edits): Edits {
  const merged: Edits = { ...base };
  if ('title' in next) merged.title = next.title;
  if ('music' in next) merged.music = next.music === null ? null : { ...(merged.music ?? {}), ...next.music };
  return merged;
}
