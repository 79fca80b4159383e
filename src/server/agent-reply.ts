import { formatBytes } from '../units.js';
import { isTwoPass, type EncodePlan } from '../media/index.js';
import { segmentsOf, timelineLine, timelineView, TrackType, type Draft, type TimelineSources } from '../wire/index.js';
import type { VideoInfo } from './sessions.js';

// The agent's words, as pure functions of what it understood and planned, so every reply can be
// read (and tested) as a table: what it understood, what it will run per item, what to say next.

/** One item of the draft with the plan the media core would run for it. */
export type PlannedItem = { name: string; info: VideoInfo; plan: EncodePlan };

const EXAMPLES = ['"compress this video to under 100MB without losing quality"', '"export 1080p MP4"', '"make it fit Discord"', '"compress all of them to 25MB"'];

// No "drag" or "drop" in the node's own words: a client reads those as a GUI edit to send back.
// A person reads these: no API paths (a program learns the upload call from the docs).
const HOW_TO_ADD = '(MP4, MOV, AVI, WebM or MKV, up to 500 MB): type or paste its file path.';
const HOW_TO_UPLOAD = `Upload a video first ${HOW_TO_ADD}`;

const ADD_TITLES_AND_MUSIC = 'I can also burn in a title and mix in background music: upload an MP3, WAV, M4A or AAC with your video, then say "add a title \'Summer trip\' and music at 35%".';

/** What a turn did to the titles and music: a sentence per change, what is missing, and the timeline after. */
export type EditReport = { done: string[]; missing: string[]; timeline: string };

/**
 * The reply to an instruction that was understood and applied to the draft. `understood` is
 * undefined when the message only edited titles or music (the edit report then says it all).
 */
export function planReply(understood: string | undefined, items: PlannedItem[], remarks: string[], edits?: EditReport): string {
  const lines = understood === undefined ? [] : [`Understood: ${understood}.`];
  if (edits) lines.push(...edits.done, ...edits.missing, `Timeline: ${edits.timeline}`);
  if (items.length === 0) {
    lines.push('I will apply that to the videos you upload.', HOW_TO_UPLOAD);
    return withRemarks(lines, remarks).join('\n');
  }
  lines.push(items.length === 1 ? 'Here is the plan:' : `Here is the plan for each of the ${items.length} videos:`);
  for (const [index, item] of items.entries()) {
    lines.push(`${index + 1}. ${item.name} (${describeSource(item.info)}) → ${describePlan(item.plan)}`);
    for (const note of item.plan.notes) lines.push(`   - ${note}`);
  }
  // The cloud's GUI wording, which a client turns into its own export (or runs, with auto-export on).
  lines.push('Click Export when you are ready, or tell me what to change (e.g. "make it 720p", "mute it").');
  return withRemarks(lines, remarks).join('\n');
}

/** The reply when the instruction could not be understood: a question, with examples. */
export function questionReply(unknownWords: string[], remarks: string[]): string {
  const lines = [
    unknownWords.length > 0 ? `I did not understand "${unknownWords.join(' ')}".` : 'I am not sure what you would like me to do.',
    'What should the video become? For example:',
    ...EXAMPLES.map((example) => `- ${example}`),
  ];
  return withRemarks(lines, remarks).join('\n');
}

/** The reply to "help". */
export function helpReply(): string {
  return ['I compress and export videos. Tell me what you need, for example:', ...EXAMPLES.map((example) => `- ${example}`), HOW_TO_UPLOAD, ADD_TITLES_AND_MUSIC].join('\n');
}

/** The reply to "upload": how to do it. */
export function uploadReply(draft: Draft, sources: TimelineSources): string {
  const videos = segmentsOf(draft, TrackType.video).length;
  if (videos === 0) return HOW_TO_UPLOAD;
  return [`Timeline: ${timelineLine(draft, sources)}`, `Tell me what ${videos === 1 ? 'it' : 'they'} should become, or add another video ${HOW_TO_ADD}`].join('\n');
}

/** The reply to "status": the timeline in the wire's wording, an item a line, and what the output will be. */
export function timelineReply(draft: Draft, sources: TimelineSources): string {
  const videos = segmentsOf(draft, TrackType.video);
  if (videos.length === 0) return `The timeline is empty. ${HOW_TO_UPLOAD}`;
  const view = timelineView(draft, sources);
  const lines = [`Timeline (${videos.length} video${videos.length === 1 ? '' : 's'}):`];
  for (const [index, item] of view.items.entries()) lines.push(`${index + 1}. ${item}`);
  if (view.output) lines.push(`Output: ${view.output}.`);
  return lines.join('\n');
}

/** The reply to "credits". */
export function creditsReply(balance: { available: number; unlimited?: true }): string {
  return balance.unlimited ? 'This node does not count credits: use it as much as you like.' : `You have ${balance.available} credits left (each message costs 1; export is free).`;
}

function withRemarks(lines: string[], remarks: string[]): string[] {
  return remarks.length === 0 ? lines : [...lines, ...remarks.map((remark) => `Note: ${remark}`)];
}

function describeSource(info: VideoInfo): string {
  const size = info.video ? `${info.video.displayWidth}x${info.video.displayHeight}, ` : '';
  return `${size}${info.durationSec.toFixed(1)} s, ${formatBytes(info.sizeBytes)}`;
}

/** One line for a plan: picture, codec, the encoder that will run, rate control and passes, and the size to expect. */
export function describePlan(plan: EncodePlan): string {
  if (plan.mode === 'copy') return `already fits: copied as it is, no re-encode (${plan.container.toUpperCase()})`;
  const rate = plan.mode === 'bitrate' ? `${isTwoPass(plan) ? 'two-pass' : 'single pass'} ${plan.videoKbps ?? '?'} kbps` : `CRF ${plan.crf ?? '?'}`;
  const audio = plan.audio.mode === 'encode' ? `, audio ${plan.audio.kbps} kbps` : plan.audio.mode === 'none' ? ', no audio' : '';
  const expected = plan.expectedBytes ? `, about ${formatBytes(plan.expectedBytes)}` : '';
  const cap = plan.targetBytes ? ` (under ${formatBytes(plan.targetBytes)})` : '';
  return `${plan.width}x${plan.height} ${plan.codec.toUpperCase()} ${plan.container.toUpperCase()} with ${plan.encoder}, ${rate}${audio}${expected}${cap}`;
}

