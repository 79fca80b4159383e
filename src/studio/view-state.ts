import { assertNever } from '../engine/sse/chat-event.js';
import type { Credits, SessionState } from '../engine/api/types.js';
import type { EngineEvent } from '../engine/engine-events.js';
import type { Job } from '../engine/jobs.js';

/** One chat turn as a view shows it: the reply text so far, what the engine added, whether it ended. */
export type ChatTurn = { turnId: number; jobId?: string; text: string; note?: string; done: boolean; working?: string };

/** Everything a view (the studio, the watch folder's status line) needs, folded from engine events. */
export type ViewState = {
  connection: 'idle' | 'setting-up' | 'ready';
  apiBase?: string;
  sessionId?: string;
  turns: ChatTurn[];
  jobs: Job[];
  state?: SessionState;
  credits?: Credits;
  /** The folder the studio watches, if any. */
  watching?: string;
  notices: string[];
  errors: string[];
};

/** Before any event. */
export const initialViewState: ViewState = { connection: 'idle', turns: [], jobs: [], notices: [], errors: [] };

/** How many notices and errors a view keeps (the oldest go first). */
export const MESSAGE_LIMIT = 20;

/**
 * Folds one engine event into the view state. Pure: the studio's `useEngine` hook and tests use
 * the same function. Jobs come whole in `job:update`, so the progress events need no folding here.
 */
export function reduceView(view: ViewState, event: EngineEvent): ViewState {
  switch (event.name) {
    case 'auth':
      return { ...view, connection: event.payload.status, apiBase: event.payload.apiBase };
    case 'session':
      return event.payload.jobId ? view : { ...view, sessionId: event.payload.sessionId };
    case 'message:delta':
      return { ...view, turns: upsertTurn(view.turns, event.payload.turnId, { jobId: event.payload.jobId, text: event.payload.text, working: undefined }) };
    case 'message:done':
      return { ...view, turns: upsertTurn(view.turns, event.payload.turnId, { jobId: event.payload.jobId, text: event.payload.text, note: event.payload.note, done: true, working: undefined }) };
    case 'working':
      return { ...view, turns: upsertTurn(view.turns, event.payload.turnId, { jobId: event.payload.jobId, working: event.payload.text }) };
    case 'state':
      return event.payload.sessionId === view.sessionId || view.sessionId === undefined ? { ...view, state: event.payload.state } : view;
    case 'credits':
      return { ...view, credits: event.payload };
    case 'job:update':
      return { ...view, jobs: replaceJob(view.jobs, event.payload) };
    case 'watch':
      return { ...view, watching: event.payload.dir };
    case 'notice':
      return { ...view, notices: [...view.notices, event.payload.text].slice(-MESSAGE_LIMIT) };
    case 'error':
      return { ...view, errors: [...view.errors, event.payload.message].slice(-MESSAGE_LIMIT) };
    case 'upload:progress':
    case 'upload:done':
    case 'render:queued':
    case 'render:progress':
    case 'render:done':
    case 'download:progress':
    case 'download:done':
      return view;
    default:
      return assertNever(event);
  }
}

function upsertTurn(turns: ChatTurn[], turnId: number, change: Partial<ChatTurn>): ChatTurn[] {
  const index = turns.findIndex((turn) => turn.turnId === turnId);
  if (index === -1) return [...turns, { turnId, text: '', done: false, ...change }];
  return turns.map((turn, i) => (i === index ? { ...turn, ...change } : turn));
}

function replaceJob(jobs: Job[], job: Job): Job[] {
  return jobs.some((j) => j.id === job.id) ? jobs.map((j) => (j.id === job.id ? job : j)) : [...jobs, job];
}
