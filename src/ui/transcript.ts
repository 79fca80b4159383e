import { keyboardWording, outputDetails, type EngineEvent, type Job } from '../studio/index.js';
import { Command, keyLabel } from './bindings.js';

/** One finished line of the conversation: it never changes again, so the studio prints it once (<Static>). */
export type Entry = { id: number; kind: 'user' | 'reply' | 'notice' | 'error' | 'job'; text: string; ok?: boolean };

/** What the transcript folds: an engine event, or a line the user sent. */
export type TranscriptAction = { type: 'engine'; event: EngineEvent } | { type: 'user'; text: string };

/** `jobNames`: each job's file name, so a notice or error about one item of a batch can say which. */
export type Transcript = { entries: Entry[]; finishedJobs: string[]; jobNames: Record<string, string> };

export const emptyTranscript: Transcript = { entries: [], finishedJobs: [], jobNames: {} };

/** Entries kept in memory: <Static> has printed older ones already, so they are not needed again. */
export const TRANSCRIPT_LIMIT = 500;

/**
 * Folds an action into the append-only transcript. Pure. Replies enter when their turn is done (the
 * in-flight text lives in the view state), a job enters once when it ends.
 */
export function reduceTranscript(transcript: Transcript, action: TranscriptAction): Transcript {
  if (action.type === 'user') return append(transcript, { kind: 'user', text: action.text });
  const { event } = action;
  switch (event.name) {
    case 'message:done': {
      const text = [keyboardWording(event.payload.text, keyLabel(Command.Export)), event.payload.note].filter((part) => part && part.trim() !== '').join('\n');
      return text === '' ? transcript : append(transcript, { kind: 'reply', text });
    }
    case 'notice':
      return append(transcript, { kind: 'notice', text: aboutJob(transcript, event.payload.text, event.payload.jobId) });
    case 'error':
      return append(transcript, { kind: 'error', text: aboutJob(transcript, event.payload.message, event.payload.jobId) });
    case 'job:update':
      return finishJob(nameJob(transcript, event.payload), event.payload);
    default:
      return transcript;
  }
}

function finishJob(transcript: Transcript, job: Job): Transcript {
  if (transcript.finishedJobs.includes(job.id)) return transcript;
  if (job.status !== 'done' && job.status !== 'canceled') return transcript; // failures arrive as `error` events
  const next = append(transcript, { kind: 'job', ok: job.status === 'done', text: jobLine(job) });
  return { ...next, finishedJobs: [...next.finishedJobs, job.id].slice(-TRANSCRIPT_LIMIT) };
}

function fileName(job: Job): string {
  return job.input.split(/[\\/]/).pop() ?? job.input;
}

function nameJob(transcript: Transcript, job: Job): Transcript {
  if (transcript.jobNames[job.id] !== undefined) return transcript;
  const kept = Object.entries(transcript.jobNames).slice(1 - TRANSCRIPT_LIMIT);
  return { ...transcript, jobNames: { ...Object.fromEntries(kept), [job.id]: fileName(job) } };
}

/** "clip.mp4: …" for a line about one job, unless the line already starts with its name. */
function aboutJob(transcript: Transcript, text: string, jobId: string | undefined): string {
  const name = jobId === undefined ? undefined : transcript.jobNames[jobId];
  return name === undefined || text.startsWith(name) ? text : `${name}: ${text}`;
}

function jobLine(job: Job): string {
  const name = fileName(job);
  if (job.status === 'canceled') return `${name}: canceled, nothing was written.`;
  const details = outputDetails(job);
  return `${name} → ${job.output ?? '?'}${details ? ` (${details})` : ''}`;
}

function append(transcript: Transcript, entry: Omit<Entry, 'id'>): Transcript {
  const id = (transcript.entries.at(-1)?.id ?? 0) + 1;
  return { ...transcript, entries: [...transcript.entries, { id, ...entry }].slice(-TRANSCRIPT_LIMIT) };
}
