import { rename } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { CanceledError, describeError, StudioError } from '../errors.js';
import { defaultOutputName, placeOutput } from '../media/place-output.js';
import { formatBytes } from '../units.js';
import type { Goal } from '../goal/types.js';
import type { QualityScore } from '../media/types.js';
import { cancelRender, pollRender, startRender } from './api/render-calls.js';
import { downloadFile } from './api/download-call.js';
import type { Connection } from './api/connection.js';
import type { RenderOutput, SessionState } from './api/types.js';
import { itemDraft, outputGoal, segmentsOf, TrackType, type Draft } from '../wire/draft.js';
import { itemGoal } from '../wire/item-goal.js';
import { mergeGoals } from '../goal/merge-goals.js';
import { planNoteText } from '../wire/plan-note-words.js';
import type { Language } from '../goal/language.js';
import type { CallKind } from './error-policy.js';
import type { EngineEvents } from './engine-events.js';
import type { ResumePoint } from '../store/types.js';
import type { Session } from './session.js';
import { newRenderId, renderAndWait } from './exporter.js';
import { followItems } from './item-follower.js';
import { newJobId, type JobAction } from './jobs.js';
import { withPartialFolder } from './partial-folder.js';
import { keepUnderTarget, type Compressor } from './size-promise.js';

/** What to export and where: the session, the output folder, and optionally the jobs to report on. */
export type ExportRequest = {
  session: Session;
  outDir: string;
  /** Each output of a file uploaded from this machine goes into that file's folder; the rest (a URL import, a file of an earlier studio) into `outDir`. */
  besideSources?: boolean;
  /** One per draft item, in order; when absent, a job is created per item. */
  jobIds?: string[];
  /** Output file names per item; default `<input stem>.compressed.mp4`. */
  names?: string[];
  /** The Goal the engine parsed itself, for a node whose draft does not carry one. */
  fallbackGoal?: Goal;
  /** Put each output in place of a file of its name (a watched file redone), in one rename; default: beside it, numbered. */
  replace?: boolean;
  /** The draft to render instead of the session's latest (a retry renders the one its job rendered). */
  draft?: Draft;
  signal?: AbortSignal;
};

/** One delivered file. `targetBytes` is the size it had to stay under, when there was one. */
export type Delivered = { jobId: string; output: string; bytes: number; targetBytes?: number; recompressed: boolean; quality?: QualityScore };

/** What an export needs from the engine. */
export type ExportDeps = {
  connection: Connection;
  call: <T>(kind: CallKind, run: () => Promise<T>) => Promise<T>;
  state: () => Promise<SessionState>;
  raise: <K extends 'render:queued' | 'render:progress' | 'render:done' | 'download:progress' | 'download:done' | 'notice' | 'error'>(name: K, payload: EngineEvents[K][0]) => void;
  job: (action: JobAction) => unknown;
  controllerFor: (jobId: string) => AbortController;
  pollMs: number;
  compress?: Compressor;
  /** The node's name in the store (the engine's store key): where a re-attach finds the render. */
  node: string;
  /** True once the engine quits leaving its renders running on the node: an abort then cancels nothing there. */
  leaving?: () => boolean;
  /** The language of the instruction that asked for the export, to word the render's notes in; default English. */
  language?: Language;
};

/**
 * Renders the latest draft and delivers each output (a job per item), each job following its own
 * item's progress when the node reports it (queued until the item starts). Every item is delivered
 * even when another fails; the first failure is thrown at the end. The items share one render:
 * canceling one job ends that job at once and skips its file, and the render itself stops (on the
 * node too) only when every job is canceled, or the whole export is.
 */
export async function exportSession(deps: ExportDeps, request: ExportRequest): Promise<Delivered[]> {
  const state = await deps.state();
  const latest = request.draft ? { ...state, draft: request.draft } : state;
  const items = draftItems(latest, request.fallbackGoal);
  if (items.length === 0) throw new StudioError('Nothing to export yet: the timeline has no video.', { hint: 'Upload a video first.' });
  const jobIds = items.map((item, i) => request.jobIds?.[i] ?? addItemJob(deps, item));
  const cancels = cancelsOf(deps, jobIds);
  try {
    return await renderAndDeliver(deps, request, items, jobIds, latest, cancels);
  } finally {
    cancels.dispose();
  }
}

/**
 * Each job's own cancel, and `every`: aborted once all of them are, which is when the shared
 * render stops. A job canceled on its own is marked canceled at once.
 */
function cancelsOf(deps: ExportDeps, jobIds: string[]): { jobSignals: AbortSignal[]; every: AbortSignal; dispose: () => void } {
  const jobSignals = jobIds.map((id) => deps.controllerFor(id).signal);
  const every = new AbortController();
  const listening = new AbortController();
  const check = () => {
    if (jobSignals.every((jobSignal) => jobSignal.aborted)) every.abort();
  };
  jobIds.forEach((id, i) => {
    const onCanceled = () => {
      deps.job({ type: 'canceled', id, at: Date.now() });
      check();
    };
    jobSignals[i].addEventListener('abort', onCanceled, { once: true, signal: listening.signal });
  });
  check();
  return { jobSignals, every: every.signal, dispose: () => listening.abort() };
}

async function renderAndDeliver(
  deps: ExportDeps,
  request: ExportRequest,
  items: DraftItem[],
  jobIds: string[],
  latest: SessionState,
  cancels: { jobSignals: AbortSignal[]; every: AbortSignal },
): Promise<Delivered[]> {
  const { jobSignals } = cancels;
  const signal = AbortSignal.any([...(request.signal ? [request.signal] : []), cancels.every]);
  const renderId = newRenderId();
  // Stored before the render starts, so a studio that quits while it runs can find it again.
  jobIds.forEach((id, i) => deps.job({ type: 'phase', id, status: 'rendering', renderId, resume: resumePoint(deps, request, items, i, latest.draft), at: Date.now() }));
  const stopOnNode = () => {
    if (!deps.leaving?.()) void cancelRender(deps.connection, renderId).catch(() => undefined);
  };
  signal.addEventListener('abort', stopOnNode, { once: true });
  let outputs: RenderOutput[];
  const follow = followItems(deps, renderId, jobIds.map((jobId, item) => ({ jobId, item })), jobIds.length);
  try {
    const draft = latest.draft;
    const status = await renderAndWait(
      {
        start: (id) => deps.call('other', () => startRender(deps.connection, { id, sessionId: request.session.id, draft: draft ?? { t: [], d: 0, m: {} } }, signal)),
        poll: (id) => deps.call('other', () => pollRender(deps.connection, id, signal)),
      },
      renderId,
      {
        pollMs: deps.pollMs,
        signal,
        onQueued: (id) => jobIds.forEach((jobId) => (deps.raise('render:queued', { jobId, renderId: id }), deps.job({ type: 'phase', id: jobId, status: 'rendering', renderId: id, at: Date.now() }))),
        ...follow,
      },
    );
    outputs = status.outputs;
    jobIds.forEach((jobId) => deps.raise('render:done', { jobId, renderId, outputs }));
  } catch (error) {
    const final = signal.aborted ? new CanceledError('The export was canceled.') : error;
    for (const id of jobIds) deps.job(signal.aborted ? { type: 'canceled', id, at: Date.now() } : { type: 'failed', id, error: describeError(final), at: Date.now() });
    throw final;
  } finally {
    signal.removeEventListener('abort', stopOnNode);
  }
  const settled = await Promise.allSettled(
    items.map((item, i) => {
      const itemSignal = AbortSignal.any([signal, jobSignals[i]]);
      return itemSignal.aborted ? Promise.resolve(undefined) : deliver(deps, item, outputs[i], jobIds[i], request.names?.[i], outFolder(request, item), itemSignal, request.replace ?? false);
    }),
  );
  // An item canceled on its own is not the export failing: the others are what was asked for.
  const failure = settled.find((result, i) => result.status === 'rejected' && !(result.reason instanceof CanceledError && jobSignals[i].aborted && !signal.aborted));
  if (failure?.status === 'rejected') throw failure.reason;
  return settled.flatMap((result) => (result.status === 'fulfilled' && result.value ? [result.value] : []));
}

function outFolder(request: ExportRequest, item: DraftItem): string {
  const source = request.besideSources && item.mediaId !== undefined ? request.session.folders[item.mediaId] : undefined;
  return source ?? request.outDir;
}

function resumePoint(deps: ExportDeps, request: ExportRequest, items: DraftItem[], index: number, draft: Draft | undefined): ResumePoint {
  const fileName = request.names?.[index];
  return {
    node: deps.node,
    item: index,
    items: items.length,
    itemName: items[index].name,
    outDir: outFolder(request, items[index]),
    ...(fileName === undefined ? {} : { fileName }),
    ...(request.replace ? { replace: true } : {}),
    sessionId: request.session.id,
    ...(draft ? { draft: itemDraft(draft, index) } : {}),
    ...(deps.language ? { language: deps.language } : {}),
  };
}

function addItemJob(deps: ExportDeps, item: DraftItem): string {
  const id = newJobId();
  deps.job({ type: 'add', id, input: item.name, goal: item.goal, targetBytes: item.goal.targetBytes, at: Date.now() });
  return id;
}

/**
 * Downloads one item's output into `outDir` (through a partial folder, keeping the size promise)
 * and ends its job done, or failed or canceled.
 */
export async function deliver(
  deps: ExportDeps,
  item: DraftItem,
  output: RenderOutput | undefined,
  jobId: string,
  name: string | undefined,
  outDir: string,
  signal: AbortSignal,
  replace: boolean,
): Promise<Delivered> {
  try {
    if (!output) throw new StudioError(`The render returned no file for ${item.name}.`);
    deps.job({ type: 'phase', id: jobId, status: 'downloading', at: Date.now() });
    const fileName = name ?? defaultOutputName(item.name, extname(new URL(output.url).pathname) || '.mp4');
    // Done only once the temp files are gone, so whoever sees "done" finds the output alone.
    const { placed, final } = await withPartialFolder(outDir, async (dir) => {
      const temp = join(dir, 'download.part');
      const received = await downloadFile(deps.connection, output.url, temp, {
        signal,
        expectedBytes: output.size,
        onProgress: ({ receivedBytes, totalBytes }) => {
          const fraction = totalBytes ? receivedBytes / totalBytes : 0;
          deps.raise('download:progress', { jobId, fraction, receivedBytes, totalBytes });
          deps.job({ type: 'progress', id: jobId, fraction, at: Date.now() });
        },
      });
      const kept = await keepUnderTarget(temp, received, item.goal, deps.compress, {
        outDir: dir,
        signal,
        onOver: () => {
          deps.raise('notice', { jobId, text: `The node's file is ${formatBytes(received)}, over the ${formatBytes(item.goal.targetBytes ?? 0)} you asked for; re-encoding it here to keep the size promise.` });
          deps.job({ type: 'phase', id: jobId, status: 'compressing', at: Date.now() });
        },
        onProgress: (progress) => deps.job({ type: 'progress', id: jobId, fraction: progress.fraction, at: Date.now() }),
      });
      const placed = replace ? await placeReplacing(kept.path, join(outDir, fileName)) : await placeOutput(kept.path, outDir, fileName);
      return { placed, final: kept };
    });
    // Said once the file is here: what the encode decided that the plan in the chat did not say.
    for (const text of noteTexts(output, deps.language ?? 'en')) deps.raise('notice', { jobId, text });
    deps.raise('download:done', { jobId, path: placed, bytes: final.bytes, recompressed: final.recompressed });
    // The file delivered is the one measured: the local re-encode's when there was one.
    const quality = final.recompressed ? final.quality : output.quality;
    const measured = quality ? { quality: { metric: quality.metric, mean: quality.mean } } : {};
    deps.job({ type: 'done', id: jobId, output: placed, bytes: final.bytes, ...measured, at: Date.now() });
    return { jobId, output: placed, bytes: final.bytes, targetBytes: item.goal.targetBytes, recompressed: final.recompressed, ...measured };
  } catch (error) {
    const final = signal.aborted ? new CanceledError('The download was canceled.') : error;
    deps.job(signal.aborted ? { type: 'canceled', id: jobId, at: Date.now() } : { type: 'failed', id: jobId, error: describeError(final), at: Date.now() });
    throw final;
  }
}

/** An output's notes in `language` when the node sent them as data, else its prose as it came (the cloud's, an older node's). */
function noteTexts(output: RenderOutput, language: Language): string[] {
  return output.planNotes ? output.planNotes.map((note) => planNoteText(note, language)) : (output.notes ?? []);
}

// A rename within the output folder is atomic: a reader sees the old output or the new, never half of one.
async function placeReplacing(file: string, target: string): Promise<string> {
  await rename(file, target);
  return target;
}

/** One video item of a draft (one output file): its media id, a display name and its own Goal. */
export type DraftItem = { mediaId?: string; name: string; goal: Goal };

/**
 * The draft's video items in order, each with the Goal the node makes it to (the wire's itemGoal,
 * so the size promised here is the one the node renders to), over `fallback` (what the engine
 * parsed itself, for a node that does not echo the Goal). Pure.
 */
export function draftItems(state: SessionState, fallback: Goal = {}): DraftItem[] {
  if (!state.draft) return [];
  const output = mergeGoals(fallback, outputGoal(state.draft));
  return segmentsOf(state.draft, TrackType.video).map((segment, index) => {
    const info = segment.src !== undefined && Object.hasOwn(state.videoInfos, segment.src) ? state.videoInfos[segment.src] : undefined;
    return { mediaId: segment.src, name: segment.m.name ?? segment.src ?? `item ${index + 1}`, goal: itemGoal(output, segment, info) };
  });
}
