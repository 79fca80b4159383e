import type { Rule } from './scan.js';

// The source's subtitle tracks (a film's SubRip, a Blu-ray's PGS): kept by default, or removed.
// Read before the title edits, so "remove the subtitles" is not taken for the title (a singular
// "subtitle 'Hello'" still is one, and "captions" stay the words drawn on the picture).
const TRACKS = String.raw`(?:subtitles|subs|closed captions|subtitle tracks?|caption tracks?)`;

export const subtitleRules: Rule[] = [
  {
    when: /sub|caption|字幕/,
    pattern: new RegExp(
      String.raw`\b(?:(?:remove|removing|delete|drop|strip|get rid of|take out|lose|discard|ditch)(?: the| all| any)? ${TRACKS}|no ${TRACKS}|without (?:any |the )?${TRACKS})\b|(?:去掉|去除|删除|删掉|移除|不要|去)字幕|字幕(?:去掉|删掉|不要了?)|无字幕`,
      'g',
    ),
    read: () => ({ kind: 'goal', goal: { subtitles: 'none' } }),
  },
  {
    when: /sub|caption|字幕/,
    pattern: new RegExp(String.raw`\b(?:keep|keeping|retain|preserve|with|leave)(?: the| its| original| all)? ${TRACKS}\b|(?:保留|保持|留着|要|带)字幕`, 'g'),
    read: () => ({ kind: 'goal', goal: { subtitles: 'keep' } }),
  },
];
