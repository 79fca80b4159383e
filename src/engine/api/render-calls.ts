import { itemsProgressSchema } from '../../wire/item-progress.js';
import { planNotesSchema } from '../../wire/plan-notes.js';
import { readWire } from '../../wire/read.js';
import type { Draft } from '../../wire/draft.js';
import { callJson } from './call-json.js';
import type { Connection } from './connection.js';
import { asRecord, pick, pickNumber, pickString } from './lenient.js';
import type { QualityScore } from '../../media/types.js';
import type { RenderOutput, RenderStatus } from './types.js';

/** `POST /api/render/proxy/lambda`: queue a render of `draft`. The id is the caller's (`render_<ts>`). */
export async function startRender(
  connection: Connection,
  request: { id: string; sessionId: string; draft: Draft; quality?: string },
  signal?: AbortSignal,
): Promise<RenderStatus> {
  const answer = await callJson(connection, {
    method: 'POST',
    path: '/api/render/proxy/lambda',
    json: { id: request.id, sessionId: request.sessionId, draft: request.draft, output: { format: 'mp4', quality: request.quality ?? 'high' } },
    signal,
  });
  return readRenderStatus(answer, request.id);
}

/** `GET /api/render/proxy/lambda/<id>`. */
export async function pollRender(connection: Connection, id: string, signal?: AbortSignal): Promise<RenderStatus> {
  const answer = await callJson(connection, { method: 'GET', path: `/api/render/proxy/lambda/${encodeURIComponent(id)}`, signal });
  return readRenderStatus(answer, id);
}

/** `POST /api/render/proxy/lambda/<id>/cancel`. */
export async function cancelRender(connection: Connection, id: string, signal?: AbortSignal): Promise<RenderStatus> {
  const answer = await callJson(connection, { method: 'POST', path: `/api/render/proxy/lambda/${encodeURIComponent(id)}/cancel`, signal });
  return readRenderStatus(answer, id);
}

const statuses = ['pending', 'processing', 'completed', 'failed'] as const;

/**
 * A render answer in any of the documented shapes: fields in `data` or at the top level,
 * `outputs` or `output` or `outputUrl`; "success"/"done" spellings of completion. Pure.
 */
export function readRenderStatus(answer: unknown, fallbackId: string): RenderStatus {
  const raw = (pickString(answer, 'status', 'state') ?? 'pending').toLowerCase();
  const status = statuses.find((s) => s === raw) ?? (['success', 'succeeded', 'done', 'complete'].includes(raw) ? 'completed' : ['error', 'canceled', 'cancelled'].includes(raw) ? 'failed' : 'processing');
  const listed = pick(answer, 'outputs');
  let outputs = Array.isArray(listed) ? listed.map(readOutput).filter((o): o is RenderOutput => o !== undefined) : [];
  if (outputs.length === 0) {
    const single = readOutput(pick(answer, 'output')) ?? readOutput({ url: pick(answer, 'outputUrl', 'output_url', 'url') });
    if (single) outputs = [single];
  }
  const error = pick(answer, 'error');
  const place = pickNumber(answer, 'queue_position', 'queuePosition');
  // Per-item progress is the local node's: read only when it reads as such, else ignored.
  const items = status === 'processing' ? readWire(itemsProgressSchema, pick(answer, 'items')) : undefined;
  return {
    id: pickString(answer, 'id', 'render_id') ?? fallbackId,
    status,
    progress: Math.max(0, Math.min(100, pickNumber(answer, 'progress') ?? (status === 'completed' ? 100 : 0))),
    outputs,
    error: typeof error === 'string' ? error : error !== undefined && error !== null ? JSON.stringify(error) : undefined,
    ...(status === 'pending' && place !== undefined && Number.isInteger(place) && place >= 1 ? { queuePosition: place } : {}),
    ...(items?.ok ? { items: items.value } : {}),
  };
}

function readOutput(value: unknown): RenderOutput | undefined {
  const record = asRecord(value);
  const url = pickString(record, 'url');
  if (!url) return undefined;
  const notes = pick(record, 'notes');
  const texts = Array.isArray(notes) ? notes.filter((note): note is string => typeof note === 'string') : [];
  const quality = readQuality(pick(record, 'quality'));
  // The local node's notes as data: any that does not read as the wire's leaves the prose to stand for all.
  const planNotes = readWire(planNotesSchema, pick(record, 'plan_notes'));
  return {
    url,
    size: pickNumber(record, 'size'),
    name: pickString(record, 'name'),
    mediaId: pickString(record, 'media_id', 'mediaId'),
    ...(texts.length > 0 ? { notes: texts } : {}),
    ...(planNotes.ok && planNotes.value.length > 0 ? { planNotes: planNotes.value } : {}),
    ...(quality ? { quality } : {}),
  };
}

/** `{ vmaf: 96.1 }` or `{ ssim: 0.993 }`; anything else is no measurement. */
function readQuality(value: unknown): QualityScore | undefined {
  const record = asRecord(value);
  const vmaf = pickNumber(record, 'vmaf');
  if (vmaf !== undefined) return { metric: 'vmaf', mean: vmaf };
  const ssim = pickNumber(record, 'ssim');
  return ssim === undefined ? undefined : { metric: 'ssim', mean: ssim };
}
