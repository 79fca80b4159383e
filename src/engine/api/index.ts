// The Nemo API, one function per call. Each takes a Connection (base URL and credentials).
export type { Connection } from './connection.js';
export { DEFAULT_TIMEOUT_MS } from './connection.js';
export { requestToken, createSession, getCredits, hello } from './auth-calls.js';
export { getState } from './state-call.js';
export { startRender, pollRender, cancelRender, readRenderStatus } from './render-calls.js';
export { uploadFiles, uploadUrls, type UploadProgress } from './upload-calls.js';
export { downloadFile, type DownloadProgress } from './download-call.js';
export { sendMessage, TURN_CAP_MS } from './message-call.js';
export { skillPlatform, skillHeaders, type SkillPlatform } from './connection.js';
export type * from './types.js';
