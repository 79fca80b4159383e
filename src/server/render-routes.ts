import type { IncomingMessage } from 'node:http';
import { qualityField } from '../media/verify-output.js';
import { fileUrl } from './account-routes.js';
import { exportRequest } from '../wire/requests.js';
import { ApiFailure } from './api-failure.js';
import { withSegmentIds } from './draft.js';
import { readBody, sendData } from './envelope.js';
import { sendFile } from './files.js';
import { renderItems } from './render-items.js';
import { withPromises } from './plan-item.js';
import type { RenderRecord, WaitingLine } from './render-record.js';
import type { Router } from './router.js';
import { publicBase, userOf, type NodeServices } from './services.js';
import { mediaFolder } from './uploads.js';

const SKILL_HEADERS = ['x-skill-source', 'x-skill-version', 'x-skill-platform'] as const;

/** Export, poll, cancel, and the download of finished files. */
export function addRenderRoutes(router: Router, services: NodeServices): void {
  router.add('POST', '/api/render/proxy/lambda', async ({ req, res }) => {
    const user = userOf(req, services);
    requireAttribution(req);
    const request = await readBody(req, exportRequest);
    const session = services.sessions.get(request.sessionId ?? request.session_id, user.userId);
    const draft = request.draft === undefined ? session.draft : withSegmentIds(request.draft);
    const items = withPromises(renderItems(draft, session.media, request.output?.format), session.media, mediaFolder(services.dataDir), await services.capabilities());
    const record = await services.renders.submit({ id: request.id, sessionId: session.sessionId, userId: user.userId, items });
    // Accepted is pending; the place in line comes with it only when the job does not start at once.
    const place = services.renders.lineOf(services.renders.get(record.id, user.userId))?.place;
    sendData(res, { id: record.id, status: record.status, progress: record.progress, ...(place !== undefined ? { queue_position: place } : {}) });
  });

  router.add('GET', '/api/render/proxy/lambda/:id', async ({ req, res, params }) => {
    const record = services.renders.get(params.id, userOf(req, services).userId);
    sendData(res, renderView(record, publicBase(req, services), services.renders.lineOf(record)));
  });

  router.add('POST', '/api/render/proxy/lambda/:id/cancel', async ({ req, res, params }) => {
    const record = await services.renders.cancel(params.id, userOf(req, services).userId);
    sendData(res, renderView(record, publicBase(req, services)));
  });

  for (const method of ['GET', 'HEAD']) {
    router.add(method, '/files/:fileId/:name', async ({ req, res, params }) => {
      const found = services.renders.outputFile(params.fileId);
      if (!found) throw new ApiFailure(404, 'There is no file at that address.');
      await sendFile(req, res, found.path, found.output.name);
    });
  }
}

/** The brief: export without the X-Skill-* attribution headers fails with 402. */
function requireAttribution(req: IncomingMessage): void {
  const missing = SKILL_HEADERS.filter((name) => !String(req.headers[name] ?? '').trim());
  if (missing.length > 0) {
    throw new ApiFailure(402, `Export needs the attribution headers (${missing.join(', ')} missing).`, {
      hint: 'Send X-Skill-Source, X-Skill-Version and X-Skill-Platform with every request.',
    });
  }
}

/**
 * A job as the poll call shows it: `output` is the first file, `outputs` all of them in item order.
 * A job that waits (`line`: here, or for a worker) is `pending`, with `queue_position` (1 is next)
 * when its place is known, so a client does not take the wait for a render stuck at 0 %. Once it
 * runs, `items` gives each item's own progress beside the overall `progress` (the cloud's shape).
 */
export function renderView(record: RenderRecord, base: string, line?: WaitingLine): Record<string, unknown> {
  const outputs = record.outputs.map((output) => ({
    media_id: output.mediaId,
    name: output.name,
    url: fileUrl(base, output.fileId, output.name),
    size: output.size,
    // The notes in English for any client, and as data (code and values) for one that words them in its user's language.
    ...(output.notes?.length ? { notes: output.notes } : {}),
    ...(output.planNotes?.length ? { plan_notes: output.planNotes } : {}),
    // The encode as it ran, in the shape of the agent's 'plan' step: what was promised can be checked.
    ...(output.plan ? { plan: output.plan } : {}),
    // Measured against the source: { vmaf: 96.1 } (or ssim where no libvmaf exists).
    ...(output.quality ? { quality: qualityField(output.quality) } : {}),
  }));
  return {
    id: record.id,
    status: line ? 'pending' : record.status,
    progress: line ? 0 : record.progress,
    ...(line?.place !== undefined ? { queue_position: line.place } : {}),
    ...(!line && record.itemProgress ? { items: record.itemProgress } : {}),
    ...(outputs.length > 0 ? { output: { url: outputs[0].url, size: outputs[0].size }, outputs } : {}),
    ...(record.error ? { error: record.error } : {}),
  };
}
