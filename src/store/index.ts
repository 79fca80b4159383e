// The client's persistent store: what the engine remembers between runs.
export { defaultStore } from './conf-store.js';
export { HISTORY_LIMIT, type JobRecord, type ResumePoint, type Settings, type Store, type StoredToken } from './types.js';
export { withQuitMarks } from './quit-marks.js';
