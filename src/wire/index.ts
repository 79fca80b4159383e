// The wire: what crosses HTTP between a client and a render node, as schemas, and what both sides
// read from it the same way (a timeline's wording, each item's goal). Each schema is the type
// (z.output) and the check; imports only goal and units (pure), so engine and server can share it.
export { goalSchema } from './goal.js';
export {
  DEFAULT_MUSIC_VOLUME,
  draftMedia,
  draftSchema,
  isMuted,
  itemDraft,
  MAX_TITLE_CHARS,
  musicVolume,
  outputGoal,
  readCloudDraft,
  repointMedia,
  segmentsOf,
  TrackType,
  type Draft,
  type Segment,
  type Track,
  type TrackKind,
} from './draft.js';
export { itemGoal, windowTrim, type ItemSource } from './item-goal.js';
export { sizeCap } from './size-cap.js';
export { describeDraftChange, timelineLine, timelineView, type TimelineSources, type TimelineView } from './timeline.js';
export { createSessionRequest, exportRequest, MAX_UPLOADS_PER_REQUEST, messageRequest, uploadUrlsRequest, type ExportRequest, type MessageRequest } from './requests.js';
export { describeIssue, readWire, type WireResult } from './read.js';
export { planItemSchema, planResponseSchema, type NamedPlanItem, type PlanItem, type PlanResponse } from './plan.js';
export { itemFractions, itemProgressSchema, itemsNotStarted, itemsProgressSchema, overallPercent, type ItemFraction, type ItemProgress } from './item-progress.js';
export { planNotesSchema, planNoteSchema, type LeanerChange, type NoteScore, type PlanNote, type RateChange, type SoundCodec } from './plan-notes.js';
export { PLAN_NOTE_WORDS, planNoteText } from './plan-note-words.js';
