// The engine's public face: what the CLI, the studio (through its one hook) and the watch folder use.
export { Engine, createEngine, type EngineOptions, type Session } from './engine.js';
export type { EngineEvents, EngineEvent } from './engine-events.js';
export { processFile, type FileResult } from './file-lifecycle.js';
export { handleText, type HandleOptions } from './handle-text.js';
export { reduceView, initialViewState, type ViewState, type ChatTurn } from './view-state.js';
export type { Delivered } from './export-session.js';
export { isFinished, queuedWords, type Job, type JobAction } from './jobs.js';
export type { TurnResult } from './turn.js';
export { keyboardWording, type GuiAction } from './gui-phrases.js';
export { assertNever, type ChatEvent } from './sse/chat-event.js';
export { summarizeTimeline, describeDraftChange, timelineItems } from './timeline-summary.js';
export { mediaNames } from './item-goals.js';
// Goal wording for views, which see the goal only through the engine.
export { describeGoal } from '../goal/index.js';
// Quality wording for views and `run`, which see the media core only through the engine.
export { formatQuality, qualityField } from '../media/index.js';
export { routeText, type Route } from './routing.js';
export { hello, type Connection } from './api/index.js';
export type { Credits, SessionState, RenderStatus, UploadedFile, NodeHello } from './api/types.js';
export type { Draft } from './draft.js';
export { watchFolder, isSkipped, type WatchOptions, type FolderWatch } from './watch-folder.js';
export type { JobRecord } from '../store/types.js';
export { pathBeingTyped, escapePath } from './path-words.js';
