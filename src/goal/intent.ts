import type { Intent } from './types.js';
import type { Rule } from './scan.js';

/** Routing words (the brief's table), read after every goal word so "cut the first 5s" is a trim, not a verb. */
const WORDS: [Intent, RegExp][] = [
  ['export', /\b(?:export|exports|exporting|exported|download|downloads|downloading|render|rendering|send (?:me|us)(?: back)?(?: the| my| it| that| this)?(?: video| file| result| output| clip| it)?|send (?:it|that|this|the video|the file|the result) (?:back|over|to me)|give me (?:the |my )?(?:video|file|result|output)|deliver)\b|导出|下载|发给我|发我|给我视频/g],
  ['upload', /\b(?:upload|uploads|uploading|uploaded|add (?:a |the |my |this |another )?(?:video|file|clip)s?)\b|上传|添加视频/g],
  ['credits', /\b(?:credits?|credit balance|balance|quota|how many (?:credits|tokens)(?: do i have| are| have i got)?(?: left)?|cost|costs|price|pricing|how much (?:does it|will it|is it))\b|积分|余额|点数|额度/g],
  ['status', /\b(?:status|state|progress|show (?:me )?(?:the |my )?(?:tracks?|timeline|draft|project)|tracks|timeline|what'?s happening|how(?:'s| is) it going|where are we|is it (?:done|ready|finished)|(?:done|ready|finished) yet)\b|状态|进度|轨道|时间线/g],
  ['compress', /\b(?:compress|compresses|compressed|compressing|compression|compressor|shrink|shrinking|small(?: enough)?|smaller|reduce(?: the)?(?: file)?(?: size)?|squeeze|downsize|optimi[sz]e|encode|re-?encode|convert|transcode|resize|shorten|trim|cut|fit|fits|lighter|crop)\b|压缩|压到|压小|压一下|变小|缩小|小一?点|更小|转码|转换|转成|转为|改成|变成|减小|优化|剪/g],
  ['help', /\b(?:help|how do i|how does (?:this|it) work|what can you do|usage|commands|instructions)\b|帮助|怎么用|使用说明|说明/g],
];

/**
 * One rule per routing word, after one that silences the user's own later steps: in "upload it to
 * YouTube" or "send it by email" the place is the goal (a platform), not a request to upload here.
 */
export const intentRules: Rule[] = [
  {
    pattern: /\b(?:upload|uploading|post|posting|share|sharing|send|sending|put|putting)(?: it| this| that| the video| the clip| my video)? (?:to|on|onto|via|by|over|in|into|for)\b|(?:发到|上传到|发布到|分享到)/g,
    read: () => [],
  },
  // "go ahead", "do it", "开始" as the whole message: the plan shown is wanted, which is an export.
  { pattern: /^\s*(?:(?:ok(?:ay)?|yes|yeah|sure|alright|all right)[,. ]+)?(?:go(?: ahead)?|do it|start(?: it)?|proceed|run it|let'?s go|let'?s do it|ship it)\s*[.!]*\s*$|^\s*(?:好的?[，,]?\s*)?(?:开始吧?|开干|执行吧?)\s*[。！!]*\s*$/g, read: () => ({ kind: 'intent', intent: 'export' }) },
  ...WORDS.map(([intent, pattern]): Rule => ({ pattern, read: () => ({ kind: 'intent', intent }) })),
];

/**
 * Picks one intent. Export beats compress ("compress it and export 1080p MP4" is an export with a
 * goal); upload keeps its goal for the follow-up; anything said about the video means compress,
 * but a bare "compress" verb gives way to credits and status ("compression status" asks for
 * status). Help comes last, so "help me compress this" compresses.
 */
export function decideIntent(said: ReadonlySet<Intent>, aboutTheVideo: boolean, text: string): Intent {
  if (said.has('export')) return 'export';
  if (said.has('upload')) return 'upload';
  if (aboutTheVideo) return 'compress';
  if (said.has('credits')) return 'credits';
  if (said.has('status')) return 'status';
  if (said.has('compress')) return 'compress';
  if (said.has('help') || /^[?？\s]+$/.test(text)) return 'help';
  return 'unknown';
}

// "all of them", "every video", "both", "全部", "所有", "每个": an instruction for every file.
const EVERY = /(?<![\p{L}\p{N}])(all|every|each|both)(?![\p{L}\p{N}])|全部|所有|每个|每一个/iu;

/** Whether an instruction says it is for every file of a batch. */
export function saysEveryFile(text: string): boolean {
  return EVERY.test(text);
}

// A whole message that answers a yes-or-no question: "yes", "sure", "好的"; "no thanks", "never mind", "不用".
const YES = /^\s*(?:(?:yes|yeah|yep|yup|sure|ok(?:ay)?|please|yes please|please do|do that|trim it|sounds good)|(?:好的?|好啊|好呀|是的?|可以|行|嗯|要|剪吧))\s*[.!。！]*\s*$/i;
const NO = /^\s*(?:(?:no|nope|nah|no thanks|no,? thank you|don'?t|leave it(?: as it is)?|keep it as it is|never ?mind|forget it)|(?:不|不用了?|不要|不了|算了|不剪|没事了?))\s*[.!。！]*\s*$/i;

/** A message that is only a yes or a no, else undefined: an answer to the question the last reply asked. */
export function yesOrNo(text: string): 'yes' | 'no' | undefined {
  if (YES.test(text)) return 'yes';
  if (NO.test(text)) return 'no';
  return undefined;
}
