import { formatBytes } from '../units.js';
import type { Language } from '../goal/language.js';
import { isTwoPass } from '../media/encode-args.js';
import type { EncodePlan } from '../media/types.js';
import { planNoteText } from '../wire/plan-note-words.js';
import { segmentsOf, TrackType, type Draft } from '../wire/draft.js';
import { timelineLine, timelineView, type TimelineSources } from '../wire/timeline.js';
import { AGENT_WORDS } from './agent-words.js';
import type { VideoInfo } from './sessions.js';

// The agent's words, as pure functions of what it understood and planned, so every reply can be
// read (and tested) as a table: what it understood, what it will run per item, what to say next.
// Each takes the language to answer in (English by default); the sentences are in agent-words.ts.

/** One item of the draft with the plan the media core would run for it. */
export type PlannedItem = { name: string; info: VideoInfo; plan: EncodePlan };

/** What a turn did to the titles and music: a sentence per change, what is missing, and the timeline after. */
export type EditReport = { done: string[]; missing: string[]; timeline: string };

/**
 * The reply to an instruction that was understood and applied to the draft. `understood` is
 * undefined when the message only edited titles or music (the edit report then says it all).
 */
export function planReply(understood: string | undefined, items: PlannedItem[], remarks: string[], edits?: EditReport, language: Language = 'en'): string {
  const words = AGENT_WORDS[language];
  const lines = understood === undefined ? [] : [words.understood(understood)];
  if (edits) lines.push(...edits.done, ...edits.missing, words.timeline(edits.timeline));
  if (items.length === 0) {
    lines.push(words.appliesToUploads, words.uploadFirst);
    return withRemarks(lines, remarks, language).join('\n');
  }
  lines.push(words.planHeading(items.length));
  for (const [index, item] of items.entries()) {
    lines.push(`${index + 1}. ${item.name} (${describeSource(item.info, language)}) → ${describePlan(item.plan, language)}`);
    for (const note of item.plan.notes) lines.push(`   - ${planNoteText(note, language)}`);
  }
  // The cloud's GUI wording, which a client turns into its own export (or runs, with auto-export on).
  lines.push(words.exportLine);
  return withRemarks(lines, remarks, language).join('\n');
}

/** The reply when the instruction could not be understood: a question, with examples. */
export function questionReply(unknownWords: string[], remarks: string[], language: Language = 'en'): string {
  const words = AGENT_WORDS[language];
  const lines = [
    unknownWords.length > 0 ? words.notUnderstood(unknownWords.join(' ')) : words.notSure,
    words.askWhat,
    ...words.examples.map((example) => `- ${example}`),
  ];
  return withRemarks(lines, remarks, language).join('\n');
}

/** The reply to "help". */
export function helpReply(language: Language = 'en'): string {
  const words = AGENT_WORDS[language];
  return [words.helpIntro, ...words.examples.map((example) => `- ${example}`), words.uploadFirst, words.titlesAndMusic].join('\n');
}

/** The reply to "upload": how to do it. */
export function uploadReply(draft: Draft, sources: TimelineSources, language: Language = 'en'): string {
  const words = AGENT_WORDS[language];
  const videos = segmentsOf(draft, TrackType.video).length;
  if (videos === 0) return words.uploadFirst;
  return [words.timeline(timelineLine(draft, sources, language)), words.tellWhatToBecome(videos)].join('\n');
}

/** The reply to "status": the timeline in the wire's wording, an item a line, and what the output will be. */
export function timelineReply(draft: Draft, sources: TimelineSources, language: Language = 'en'): string {
  const words = AGENT_WORDS[language];
  const videos = segmentsOf(draft, TrackType.video);
  if (videos.length === 0) return words.timelineEmpty;
  const view = timelineView(draft, sources, language);
  const lines = [words.timelineHeading(videos.length)];
  for (const [index, item] of view.items.entries()) lines.push(`${index + 1}. ${item}`);
  if (view.output) lines.push(words.output(view.output));
  return lines.join('\n');
}

/** The reply to "credits". */
export function creditsReply(balance: { available: number; unlimited?: true }, language: Language = 'en'): string {
  const words = AGENT_WORDS[language];
  return balance.unlimited ? words.creditsUnlimited : words.creditsLeft(balance.available);
}

/** The remark for words the parser could not read, to add to a reply's notes. */
export function ignoredRemark(unknownWords: string[], language: Language = 'en'): string[] {
  return unknownWords.length > 0 ? [AGENT_WORDS[language].ignored(unknownWords.join(' '))] : [];
}

function withRemarks(lines: string[], remarks: string[], language: Language): string[] {
  return remarks.length === 0 ? lines : [...lines, ...remarks.map(AGENT_WORDS[language].note)];
}

function describeSource(info: VideoInfo, language: Language): string {
  const size = info.video ? `${info.video.displayWidth}x${info.video.displayHeight}, ` : '';
  return `${size}${AGENT_WORDS[language].plan.seconds(info.durationSec.toFixed(1))}, ${formatBytes(info.sizeBytes)}`;
}

/** One line for a plan: picture, codec, the encoder that will run, rate control and passes, and the size to expect. */
export function describePlan(plan: EncodePlan, language: Language = 'en'): string {
  const words = AGENT_WORDS[language].plan;
  if (plan.mode === 'copy') return words.copied(plan.container.toUpperCase());
  const rate = plan.mode === 'bitrate' ? `${isTwoPass(plan) ? words.twoPass : words.singlePass} ${plan.videoKbps ?? '?'} kbps` : `CRF ${plan.crf ?? '?'}`;
  const audio = plan.audio.mode === 'encode' ? words.audio(plan.audio.kbps) : plan.audio.mode === 'none' ? words.noAudio : '';
  const expected = plan.expectedBytes ? words.about(formatBytes(plan.expectedBytes)) : '';
  const cap = plan.targetBytes ? words.under(formatBytes(plan.targetBytes)) : '';
  return words.line(`${plan.width}x${plan.height} ${plan.codec.toUpperCase()} ${plan.container.toUpperCase()}`, plan.encoder, `${rate}${audio}${expected}${cap}`);
}
