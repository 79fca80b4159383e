import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkAccessKey } from '../server/access-key.js';
import { ApiFailure, badRequest } from '../server/api-failure.js';
import { sendData } from '../server/envelope.js';
import { sendFile } from '../server/files.js';
import type { Router } from '../server/router.js';
import type { NodeServices } from '../server/services.js';
import { mediaPath } from '../server/uploads.js';
import type { RenderItem } from '../server/render-items.js';
import { WORKER_PATH_PREFIX } from '../server/render-backend.js';
import { inputsOf, isAttemptId, isOutputName } from './protocol.js';

/** Header with an upload's SHA-256 (hex); its size is the Content-Length. */
export const SHA256_HEADER = 'x-content-sha256';

/** What the worker routes need from the backend: the key, the jobs it waits for, where uploads land. */
export type WorkerRouteContext = {
  workerKey: string;
  /** The items of a job the node is waiting for; undefined for any other id (unknown, done or canceled). */
  awaitedItems: (jobId: string) => RenderItem[] | undefined;
  /** Whether the node is still taking up the jobs it had when it stopped: an id it does not wait for may be one of them. */
  restoring: () => boolean;
  incomingDir: (jobId: string, attempt: string) => string;
};

/**
 * The two calls a worker makes: read a job's input (with Range, so a cut transfer resumes) and
 * upload one output, whose size and hash are checked before it is kept. Only jobs the node waits
 * for are served, and only their own inputs: a worker never reaches any other file.
 */
export function addWorkerRoutes(router: Router, services: NodeServices, context: WorkerRouteContext): void {
  const jobItems = (req: IncomingMessage, jobId: string): RenderItem[] => {
    checkAccessKey(req, context.workerKey);
    const items = context.awaitedItems(jobId);
    // 503: the worker tries again, by when a job restored at start is waited for.
    if (!items && context.restoring()) throw new ApiFailure(503, 'This node is starting; try again in a moment.');
    if (!items) throw new ApiFailure(409, 'This node is not waiting for that job (it finished, or was canceled).');
    return items;
  };

  for (const method of ['GET', 'HEAD']) {
    router.add(method, `${WORKER_PATH_PREFIX}jobs/:jobId/media/:mediaId`, async ({ req, res, params }) => {
      if (!inputsOf(jobItems(req, params.jobId)).includes(params.mediaId)) throw new ApiFailure(404, 'That job has no such input.');
      await sendFile(req, res, mediaPath(join(services.dataDir, 'media'), params.mediaId), params.mediaId);
    });
  }

  router.add('PUT', `${WORKER_PATH_PREFIX}jobs/:jobId/outputs/:attempt/:name`, async ({ req, res, params }) => {
    jobItems(req, params.jobId);
    if (!isAttemptId(params.attempt) || !isOutputName(params.name)) throw badRequest('Bad attempt or output name.');
    const size = Number(req.headers['content-length']);
    const sha256 = String(req.headers[SHA256_HEADER] ?? '');
    if (!Number.isSafeInteger(size) || !/^[0-9a-f]{64}$/.test(sha256)) throw badRequest(`An upload needs Content-Length and ${SHA256_HEADER}.`);
    const dir = context.incomingDir(params.jobId, params.attempt);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const part = join(dir, `.${randomBytes(6).toString('hex')}.part`);
    const hash = createHash('sha256');
    let received = 0;
    try {
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          received += chunk.length;
          done(null, chunk);
        },
      });
      await pipeline(req, counter, createWriteStream(part, { mode: 0o600 }));
      const digest = hash.digest('hex');
      // 422: the worker sends it again.
      if (received !== size || digest !== sha256) throw new ApiFailure(422, `The upload arrived damaged (${received} of ${size} bytes, hash ${digest === sha256 ? 'matches' : 'differs'}).`);
      await rename(part, join(dir, params.name));
    } finally {
      await rm(part, { force: true });
    }
    sendData(res, { size: received });
  });
}
