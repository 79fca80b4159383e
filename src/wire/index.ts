// The wire: what crosses HTTP between a client and a render node, as schemas. Each schema is the
// type (z.output) and the check; imports only goal types and values, so engine and server can share it.
export { goalSchema } from './goal.js';
export { draftSchema, MAX_TITLE_CHARS, TrackType, type TrackKind, type WireDraft, type WireSegment, type WireTrack } from './draft.js';
export { createSessionRequest, exportRequest, MAX_UPLOADS_PER_REQUEST, messageRequest, uploadUrlsRequest, type ExportRequest, type MessageRequest } from './requests.js';
export { describeIssue, readWire, type WireResult } from './read.js';
export { planItemSchema, planResponseSchema, type NamedPlanItem, type PlanItem, type PlanResponse } from './plan.js';
