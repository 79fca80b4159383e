import { z } from 'zod';
import { CONTAINERS } from '../goal/types.js';
import { draftSchema } from './draft.js';

// The JSON bodies the render node accepts, one schema per call. Keys a call does not use are
// dropped (clients send the cloud's extras, e.g. app_name); the ones it uses are checked here.

/** Session ids are digit strings; anything longer than this is not one. */
const sessionIdString = z.string().min(1).max(100);

/** `POST /api/tasks/me/with-session/nemo_agent`. */
export const createSessionRequest = z.object({
  task_name: z.string().max(200).optional(),
  language: z.string().max(40).optional(),
});

/** `POST /run_sse`: an ADK message; the session id in either spelling. */
export const messageRequest = z.object({
  session_id: sessionIdString.optional(),
  sessionId: sessionIdString.optional(),
  new_message: z.object({ parts: z.array(z.object({ text: z.string().max(100_000).optional() })).max(100) }).optional(),
  newMessage: z.object({ parts: z.array(z.object({ text: z.string().max(100_000).optional() })).max(100) }).optional(),
});

/** The most files (or URLs) one upload request may carry. */
export const MAX_UPLOADS_PER_REQUEST = 50;

/** `POST /api/upload-video/…` with JSON: files by URL. */
export const uploadUrlsRequest = z.object({
  urls: z.array(z.string().min(1).max(4096)).min(1).max(MAX_UPLOADS_PER_REQUEST),
  source_type: z.literal('url').optional(),
});

/** `POST /api/render/proxy/lambda`: export a draft (the session's own when absent). */
export const exportRequest = z.object({
  id: z.string().min(1).max(200),
  sessionId: sessionIdString.optional(),
  session_id: sessionIdString.optional(),
  draft: draftSchema.optional(),
  output: z.object({ format: z.enum(CONTAINERS).optional() }).optional(),
});

export type ExportRequest = z.output<typeof exportRequest>;
export type MessageRequest = z.output<typeof messageRequest>;
