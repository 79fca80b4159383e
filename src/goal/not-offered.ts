import type { NotOffered } from './remarks.js';
import type { Rule } from './scan.js';

const IT = String.raw`(?: it| this| that| the video| the clip| my video)?`;
const THE_VIDEO = String.raw`(?: it| this| that| the video| the clip| my video)`;
const FACTOR = String.raw`(?: (?:by |to )?\d{1,2}(?:\.\d{1,2})? ?x)?`;
const MAKE = String.raw`(?:make|turn|convert|change|put)${IT}(?: (?:to|into|in))?`;

/**
 * The ways each is asked for, most specific first: as requests (a verb, or a factor), since the
 * same words also describe footage ("compress my slow-mo clip", "my black and white film").
 */
const ASKED: [NotOffered, string][] = [
  ['rotate', String.raw`\b(?:rotate|rotating)${IT}(?: (?:by )?-?(?:90|180|270) ?(?:degrees?|deg|°)?)?(?: (?:clockwise|counter-?clockwise|anti-?clockwise|left|right))?\b|旋转(?: ?-?(?:90|180|270) ?度)?`],
  ['flip', String.raw`\b(?:flip|mirror)${IT}(?: (?:horizontally|vertically|upside down))?\b|镜像|翻转`],
  ['speed', String.raw`\b(?:speed${IT} up|slow${IT} down)${FACTOR}\b|\b(?:make${IT}|in|into) slow[- ]?mo(?:tion)?\b|\b\d{1,2}(?:\.\d{1,2})? ?x (?:speed|faster|slower)\b|\bplayback speed\b|倍速|加速播放|慢放|慢动作`],
  ['colour', String.raw`\b${MAKE} (?:black (?:and|&) white|b ?& ?w|gr[ae]yscale|monochrome|sepia|brighter|darker)\b|\b(?:more|less|increase|decrease|raise|lower|boost|adjust|change|fix)(?: the)? (?:brightness|contrast|saturation)\b|\bcolou?r (?:grade|grading|correct|correction)\b|调色|调亮|亮度|对比度|饱和度`],
  ['subtitles', String.raw`\b(?:add|burn|burn in|hard-?code|embed|generate|create)(?: the| some| english| chinese)? (?:subtitles?|captions?|subs|srt)\b`],
  ['volume', String.raw`\b(?:(?:lower|raise|increase|decrease|reduce|boost|turn up|turn down)(?: the)? (?:volume|sound|audio level)|volume (?:up|down)|louder|quieter|normali[sz]e(?: the)? (?:audio|sound|volume|loudness))\b|调(?:大|小|高|低)?音量|音量(?:调)?(?:大|小|高|低)`],
  ['stabilize', String.raw`\b(?:stabili[sz]e|stabili[sz]ing)${IT}\b|防抖`],
  ['denoise', String.raw`\b(?:denoise|de-noise|noise reduction|reduce(?: the)? noise|remove(?: the)? noise)\b|降噪|去噪`],
  ['reverse', String.raw`\b(?:reverse${THE_VIDEO}|play${IT} backwards?|in reverse)\b|倒放`],
  ['upscale', String.raw`\b(?:upscale|upscaling|up-scale|upres)\b|超分|放大分辨率`],
  ['undo', String.raw`^\s*(?:undo(?: (?:that|it|the last (?:change|step)))?|go back|revert(?: (?:that|it|the last change))?)\s*[.!]*\s*$|^\s*(?:撤销|撤回|还原)(?:上一步)?\s*$`],
  ['watermark', String.raw`\b(?:add|remove|put|erase|get rid of)(?: a| the| my| that)? watermarks?\b|(?:加|去|去掉|去除|删除)水印`],
];

/**
 * Edits this tool does not make, answered with what it does instead of "what should I do with
 * your video?": "rotate 90 degrees" is understood, just not offered. Read before every other rule,
 * so that the "90" of a rotation is not asked about as a size without its unit.
 */
export const notOfferedRules: Rule[] = ASKED.map(([edit, pattern]) => ({
  pattern: new RegExp(pattern, 'g'),
  read: () => ({ kind: 'remark', remark: { code: 'edit-not-offered', edit } }),
}));
