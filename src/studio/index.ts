// The studio controller's public face: what the studio's views (src/ui) and the CLI's views use.
// Views see the engine, the goal parser and the media core only through here.
export { handleText, type HandleOptions } from './handle-text.js';
export { exportNow, showCredits, showTimeline } from './commands.js';
export { StudioWatch } from './studio-watch.js';
export { watchFolder, isSkipped } from './watch-folder.js';
export { processFile, type FileResult } from './file-lifecycle.js';
export { reduceView, initialViewState, type ViewState } from './view-state.js';
export { pathBeingTyped, escapePath } from './path-words.js';
export { asksToCancel } from './routing.js';
// Engine wording and types for views.
export { assertNever, isFinished, keyboardWording, mediaSources, queuedWords, timelineView, type TimelineView } from '../engine/index.js';
export type { Engine, EngineEvent, Job, JobRecord } from '../engine/index.js';
// Quality wording for views and `run`, which see the media core only through the studio.
export { formatQuality, outputDetails, qualityField } from '../media/index.js';
export { jobChoices, type JobChoices } from './job-choices.js';
export { retryJob } from './job-retry.js';
