// The engine's public face: the Nemo protocol client the CLI drives and the studio (src/studio) builds on.
export { Engine, createEngine, type EngineOptions, type Lifecycle, type Session } from './engine.js';
export type { EngineEvents, EngineEvent } from './engine-events.js';
export type { Delivered } from './export-session.js';
export { isFinished, queuedWords, type Job, type JobAction } from './jobs.js';
export type { TurnResult } from './turn.js';
export { keyboardWording, type GuiAction } from './gui-phrases.js';
export { assertNever, type ChatEvent } from './sse/chat-event.js';
// The timeline's one wording (the wire's), for the views the studio serves.
export { timelineView, type TimelineView } from '../wire/index.js';
export { mediaSources } from './engine.js';
export { hello, type Connection } from './api/index.js';
export type { Credits, SessionState, RenderStatus, UploadedFile, NodeHello } from './api/types.js';
export type { Draft } from '../wire/index.js';
export type { JobRecord, ResumePoint } from '../store/types.js';
