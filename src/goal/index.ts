// The goal module: plain words to a Goal, and back to a line a person reads. Pure: no I/O.
export { parseInstruction } from './parse-instruction.js';
export { describeGoal } from './describe-goal.js';
export { isChinese, languageOf, type Language } from './language.js';
export { summarizeInstruction } from './summarize-instruction.js';
export { mergeGoals } from './merge-goals.js';
export { PLATFORMS, platformById, type Platform } from './platforms.js';
export type { Goal, Intent, Quality, Codec, Container, Aspect, Speed } from './types.js';
export type { Edits, ParsedInstruction } from './parse-types.js';
export type { Remark } from './remarks.js';
export { remarkText } from './remark-words.js';
