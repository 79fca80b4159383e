import { describeGoal } from '../goal/describe-goal.js';
import { yesOrNo } from '../goal/intent.js';
import { instructionLanguage, type Language } from '../goal/language.js';
import { parseInstruction } from '../goal/parse-instruction.js';
import { remarkText } from '../goal/remark-words.js';
import type { Remark } from '../goal/remarks.js';
import type { ParsedInstruction } from '../goal/parse-types.js';
import type { Goal } from '../goal/types.js';
import type { NamedPlanItem, PlanResponse } from '../wire/plan.js';
import type { Capabilities } from '../media/capabilities.js';
import { timelineLine } from '../wire/timeline.js';
import { segmentsOf, TrackType, type Draft } from '../wire/draft.js';
import { creditsReply, helpReply, ignoredRemark, planReply, questionReply, timelineReply, uploadReply, type EditReport, type PlannedItem } from './agent-reply.js';
import { AGENT_WORDS } from './agent-words.js';
import { applyGoal } from './draft.js';
import { applyEdits } from './draft-edits.js';
import { renderItems } from './render-items.js';
import { aimOf, goalNow, type Aim } from './instruction-target.js';
import { sessionSources, type SessionRecord } from './sessions.js';
import { planItem, planRenderItem } from './plan-item.js';
import { acceptOffer, lengthQuestion, type LengthOffer } from './length-offer.js';

/** A tool step the agent shows as a functionCall and its functionResponse. */
export type TurnStep = { name: 'analyse' | 'plan'; args: Record<string, unknown>; response: Record<string, unknown> };

/**
 * What one agent turn decided: its steps, its reply, the new draft when it changed, and what its
 * reply offered to do when the next message says yes (none: an earlier offer lapses).
 */
export type TurnResult = { steps: TurnStep[]; text: string; draft?: Draft; offer?: LengthOffer };

/** What a turn knows of the node beyond the session: the user's balance and this machine's ffmpeg. */
export type TurnContext = { mediaDir: string; balance: { available: number; unlimited?: true }; caps: Capabilities };

/**
 * Runs one turn on a session: parse the instruction, apply a compress/export Goal and any title or
 * music edits to the draft, plan every item with the media core's planner (with the machine's
 * capabilities, as the render will), and word the reply in the instruction's language. Pure apart
 * from reading the session: the caller resolves the capabilities, saves the draft and streams the result.
 */
export function runTurn(text: string, session: SessionRecord, context: TurnContext): TurnResult {
  const answer = session.offer ? answerOffer(text, session.offer, session, context) : undefined;
  if (answer) return answer;
  const aim = aimOf(text, session.draft);
  // Read without the file names it says: "make 旅行.mp4 720p" is English, "把 trip.mp4 压缩到10MB" Chinese.
  // The names this session holds are out already; anything else shaped like one goes as the client's
  // reading takes it out (instructionLanguage), so both word what comes back in the same language.
  const language = instructionLanguage(aim.instruction);
  const parsed = parseInstruction(aim.instruction);
  // The step is for machines: its remarks in English, as `plan --json` gives them.
  const analyse: TurnStep = { name: 'analyse', args: { instruction: text }, response: { ...parsed, ambiguities: worded(parsed.ambiguities, 'en') } };
  switch (parsed.intent) {
    case 'compress':
      // Only an edit this tool does not make ("rotate 90 degrees"): what it does instead, and no plan of nothing.
      if (onlyNotOffered(parsed)) return { steps: [analyse], text: worded(parsed.ambiguities, language).join('\n') };
      return applyInstruction(parsed, session, context, analyse, aim, language);
    case 'export':
      return applyInstruction(parsed, session, context, analyse, aim, language);
    case 'status':
      return { steps: [analyse], text: timelineReply(session.draft, sessionSources(session.media), language) };
    case 'credits':
      return { steps: [analyse], text: creditsReply(context.balance, language) };
    case 'upload':
      // "upload and compress to 10MB": the goal is kept, for the videos there or still to come.
      if (Object.keys(parsed.goal).length > 0 || parsed.edits) return applyInstruction(parsed, session, context, analyse, aim, language);
      return { steps: [analyse], text: uploadReply(session.draft, sessionSources(session.media), language) };
    case 'help':
      return { steps: [analyse], text: helpReply(language) };
    case 'unknown':
      // "yes", "ok", "thanks", "never mind" beside a plan: nothing to change, so how to go on.
      if ((parsed.unknown.length === 0 || yesOrNo(text) !== undefined) && hasVideo(session.draft)) return { steps: [analyse], text: AGENT_WORDS[language].exportLine };
      // The reply asks what to do itself, with examples, in the instruction's language: not the parser's question again.
      return { steps: [analyse], text: questionReply(parsed.unknown, worded(parsed.ambiguities.filter((remark) => remark.code !== 'ask-what-to-do'), language), language) };
    default: {
      const never: never = parsed.intent;
      throw new Error(`Unhandled intent ${String(never)}`);
    }
  }
}

/** Whether the draft holds a video to make. */
function hasVideo(draft: Draft): boolean {
  return segmentsOf(draft, TrackType.video).length > 0;
}

/** Whether all an instruction asked for is edits this tool does not make. */
function onlyNotOffered(parsed: ParsedInstruction): boolean {
  return Object.keys(parsed.goal).length === 0 && !parsed.edits && parsed.ambiguities.length > 0 && parsed.ambiguities.every((remark) => remark.code === 'edit-not-offered');
}

/**
 * A yes or a no to the offer the last reply made: a yes takes it up (the trim, then the plan, as if
 * it had been asked for), a no leaves the draft as it is. Undefined for any other message, which
 * goes its own way (and the offer lapses).
 */
function answerOffer(text: string, offer: LengthOffer, session: SessionRecord, context: TurnContext): TurnResult | undefined {
  const answer = yesOrNo(text);
  const language = instructionLanguage(text);
  if (answer === 'no') return { steps: [], text: AGENT_WORDS[language].offerDeclined };
  const taken = answer === 'yes' ? acceptOffer(session.draft, offer, sourceMsOf(session)) : undefined;
  if (!taken) return undefined;
  const [first] = segmentsOf(taken.draft, TrackType.video).filter((segment) => segment.id !== undefined && offer.ids.includes(segment.id));
  const goal: Goal = { trim: { startSec: first.s / 1000, endSec: (first.s + first.d) / 1000 } };
  const all = offer.ids.length === segmentsOf(session.draft, TrackType.video).length;
  const aim: Aim = all ? { target: 'all', instruction: text } : { target: { ids: new Set(offer.ids) }, instruction: text, named: taken.names.join(', ') };
  const parsed: ParsedInstruction = { intent: 'compress', goal, unknown: [], ambiguities: [] };
  const analyse: TurnStep = { name: 'analyse', args: { instruction: text }, response: parsed };
  return planTurn(parsed, taken.draft, session, context, analyse, aim, language);
}

function applyInstruction(parsed: ParsedInstruction, session: SessionRecord, context: TurnContext, analyse: TurnStep, aim: Aim, language: Language): TurnResult {
  const edited = applyEdits(applyGoal(session.draft, parsed.goal, sourceMsOf(session), aim.target), parsed.edits ?? {}, language);
  const sources = sessionSources(session.media);
  const report: EditReport | undefined = parsed.edits && { done: edited.done, missing: edited.missing, timeline: timelineLine(edited.draft, sources, language) };
  return planTurn(parsed, edited.draft, session, context, analyse, aim, language, report);
}

/** The reply to an instruction that made `draft`: what it said, and the plan of every item. */
function planTurn(
  parsed: ParsedInstruction,
  draft: Draft,
  session: SessionRecord,
  { mediaDir, caps }: TurnContext,
  analyse: TurnStep,
  aim: Aim,
  language: Language,
  report?: EditReport,
): TurnResult {
  const sources = sessionSources(session.media);
  // What this message said, and, when earlier messages set more, everything that now applies.
  const now = goalNow(draft, parsed.goal, aim, sources);
  const onlyEdits = report !== undefined && Object.keys(parsed.goal).length === 0;
  const understood = onlyEdits ? undefined : understoodLine(parsed.goal, now, aim, language);
  // A platform's length limit is asked about the videos there are, and only when one is longer.
  const { remarks, offer } = lengthQuestion(parsed.ambiguities, draft, aim.target);
  if (!hasVideo(draft)) return { steps: [analyse], text: planReply(understood, [], worded(remarks, language), report, language), draft };
  const items: PlannedItem[] = renderItems(draft, session.media).map((item) => {
    const media = session.media[item.mediaId];
    return { name: item.name, info: media.info, plan: planRenderItem(item, media, mediaDir, caps) };
  });
  const plan: TurnStep = {
    name: 'plan',
    args: { goal: draft.m, items: items.length },
    response: { items: items.map(({ name, plan: p }): NamedPlanItem => ({ name, ...planItem(p) })) } satisfies PlanResponse,
  };
  const text = planReply(understood, items, [...worded(remarks, language), ...ignoredRemark(parsed.unknown, language)], report, language);
  return { steps: [analyse, plan], text, draft, ...(offer ? { offer } : {}) };
}

/** The length of each of the session's sources, in milliseconds, by media id (0 for one it does not hold). */
function sourceMsOf(session: SessionRecord): (src: string) => number {
  return (src) => Math.round((session.media[src]?.info.durationSec ?? 0) * 1000);
}

/**
 * What this message said, for which file when a batch could have meant another (the brief: say
 * which), and, when earlier messages set more, everything that now applies.
 */
function understoodLine(said: Goal, now: Goal, aim: Aim, language: Language): string {
  const words = AGENT_WORDS[language];
  const saidLine = describeGoal(said, language);
  const nowLine = describeGoal(now, language);
  const forWhom = aim.named === undefined ? '' : aim.newest ? words.forNewest(aim.named) : words.forNamed(aim.named);
  return `${saidLine}${forWhom}${nowLine === saidLine ? '' : words.allSettingsNow(nowLine, aim.named !== undefined)}`;
}

/** The parser's remarks as sentences in `language`. */
function worded(remarks: Remark[], language: Language): string[] {
  return remarks.map((remark) => remarkText(remark, language));
}
