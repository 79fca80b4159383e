// The library entry: what other programs (and the render node) import from 'compressor-studio'.
export type { Goal, Intent, Quality, Codec, Container, Aspect, Speed } from './goal/types.js';
export type { MediaInfo, VideoInfo, AudioInfo, EncodePlan, EncodeProgress, CompressOptions, CompressResult } from './media/types.js';
export { StudioError, MediaError, NemoError, CanceledError, describeError } from './errors.js';
export { compress, probe, planEncode } from './media/index.js';
export { parseInstruction, describeGoal, mergeGoals } from './goal/index.js';
export type { ParsedInstruction } from './goal/parse-types.js';
