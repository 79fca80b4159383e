import { assembleGoal } from './assemble-goal.js';
import { audioRules } from './audio.js';
import { findConflicts } from './conflicts.js';
import { formatRules } from './formats.js';
import { frameRateRules } from './frame-rate.js';
import { editRules, liftTitles, mergeEdits } from './edits.js';
import { subtitleRules } from './subtitles.js';
import { decideIntent, intentRules } from './intent.js';
import { normalizeText } from './normalize.js';
import type { Edits, ParsedInstruction } from './parse-types.js';
import { notOfferedRules } from './not-offered.js';
import { platformRules } from './platforms.js';
import { qualityRules } from './quality.js';
import { remarkKey, type Remark } from './remarks.js';
import { relativeSizeRules } from './relative-sizes.js';
import { bareResolutionRule, resolutionRules } from './resolution.js';
import { scan, type Rule } from './scan.js';
import { shapeRules } from './shapes.js';
import { sizeRules } from './sizes.js';
import { speedRules } from './speed.js';
import { correctSpelling } from './spelling.js';
import { technicalWordRules } from './technical-words.js';
import { strayDurationRule, trimRules } from './time-ranges.js';
import type { Intent } from './types.js';
import { leftoverWords, MAX_UNKNOWN } from './unknown-words.js';

/**
 * The order matters: each rule blanks what it reads. Titles and music go before everything (they
 * come first in parseInstruction: "music at 35%" is not a relative size). File names and formats go first ("clip.mp4"),
 * encoder jargon before sizes ("bitrate 5m" is not 5 MB),
 * audio before sizes ("96k" audio is not 96 KB), resolutions before sizes ("4k" is not 4 KB),
 * shapes before times ("9:16" is not a clock), quality before speed ("best quality" before
 * "best"), and routing words last so that "cut the first 5s" is read as a trim first.
 */
const RULES: readonly Rule[] = [
  ...notOfferedRules,
  ...formatRules,
  ...technicalWordRules,
  ...audioRules,
  ...resolutionRules,
  ...shapeRules,
  ...sizeRules,
  ...relativeSizeRules,
  ...frameRateRules,
  ...trimRules,
  ...qualityRules,
  ...speedRules,
  ...platformRules,
  bareResolutionRule,
  strayDurationRule,
  ...intentRules,
];

/** More questions than this is no longer a conversation: the first ones are the ones to answer. */
const MAX_AMBIGUITIES = 10;

/**
 * Reads one piece of user text: what it asks for (intent), the Goal it describes, the words it did
 * not understand, and questions where it is unsure. Pure and linear in the length of the text;
 * never throws, whatever it is given.
 */
export function parseInstruction(text: string): ParsedInstruction {
  const lifted = liftTitles(typeof text === 'string' ? text : '');
  const normalized = correctSpelling(normalizeText(lifted.text));
  const { findings, rest } = scan(normalized, [...subtitleRules, ...editRules(lifted.titles), ...RULES]);
  const { goal, remarks } = assembleGoal(findings);
  const said = new Set<Intent>();
  const unknown: string[] = [];
  const questions: Remark[] = [];
  let sourceBytes: number | undefined;
  let edits: Edits | undefined;
  for (const finding of findings) {
    if (finding.kind === 'edit') edits = mergeEdits(edits, finding.edit);
    if (finding.kind === 'intent') said.add(finding.intent);
    if (finding.kind === 'remark') questions.push(finding.remark);
    if (finding.kind === 'source-size') sourceBytes = finding.bytes;
    if (finding.kind === 'unknown') {
      unknown.push(finding.word);
      if (finding.question) questions.push(finding.question);
    }
  }
  const leftovers = leftoverWords(rest);
  unknown.push(...leftovers.unknown);
  questions.push(...leftovers.questions);

  // Words about the video that could not be used ("over 100MB", "vp9") still make it a compress request.
  const aboutTheVideo = Object.keys(goal).length > 0 || findings.some((finding) => ['remark', 'unknown', 'source-size', 'edit'].includes(finding.kind));
  const intent = decideIntent(said, aboutTheVideo, normalized);
  const ambiguities: Remark[] = [...remarks, ...findConflicts(goal), ...questions];
  if (sourceBytes !== undefined && goal.targetBytes === undefined && goal.relativeSize === undefined && (intent === 'compress' || intent === 'export')) {
    ambiguities.push({ code: 'source-size', bytes: sourceBytes });
  }
  // First, so that the cap below never drops the one question that matters most.
  if (intent === 'unknown') ambiguities.unshift({ code: 'ask-what-to-do' });
  return {
    intent,
    goal,
    unknown: [...new Set(unknown)].slice(0, MAX_UNKNOWN),
    ambiguities: distinct(ambiguities).slice(0, MAX_AMBIGUITIES),
    ...(edits ? { edits } : {}),
  };
}

/** The remarks, each once, in the order first made. */
function distinct(remarks: Remark[]): Remark[] {
  return [...new Map(remarks.map((remark) => [remarkKey(remark), remark])).values()];
}
