// The library entry: what other programs (and the render node) import from 'compressor-studio'.
export type { Goal, Intent, Quality, Codec, Container, Aspect, Speed } from './goal/types.js';
export type { MediaInfo, VideoInfo, AudioInfo, EncodePlan, EncodeProgress, CompressOptions, CompressResult } from './media/types.js';
export { StudioError, MediaError, NemoError, CanceledError, describeError } from './errors.js';
export { compress, probe, planEncode } from './media/index.js';
export { parseInstruction, describeGoal, mergeGoals, remarkText } from './goal/index.js';
export type { ParsedInstruction } from './goal/parse-types.js';
export type { Language, Remark } from './goal/index.js';
// A plan's notes and the parser's remarks are data: these word them, in English or Chinese.
export type { PlanNote } from './media/index.js';
export { planNoteText } from './server/plan-note-words.js';
