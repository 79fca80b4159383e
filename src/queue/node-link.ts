import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { request } from 'undici';
import { StudioError } from '../errors.js';
import { ACCESS_KEY_HEADER } from '../paths.js';
import { WORKER_PATH_PREFIX } from '../server/render-backend.js';
import { backoffMs, sleep } from './backoff.js';
import { SHA256_HEADER } from './worker-routes.js';

/** A try that may work later (the node is down or restarting); anything else ends the job. */
class TransientError extends Error {}

/** How a worker reaches its node: the base URL and the worker key. */
export type NodeLink = { base: string; key: string; log: (line: string) => void };

/**
 * Runs `attempt` until it succeeds: a node that cannot be reached or answers 5xx is tried again
 * with backoff, and each wait is said in the log; a 4xx or the signal ends it.
 */
async function persist<T>(link: NodeLink, what: string, signal: AbortSignal, attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (!(error instanceof TransientError) && !isNetworkError(error)) throw error;
      const ms = backoffMs(tries);
      link.log(`${what}: the node at ${link.base} did not answer (${(error as Error).message}); retrying in ${(ms / 1000).toFixed(1)} s.`);
      await sleep(ms, signal);
    }
  }
}

function isNetworkError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return /^(UND_ERR|E(CONN|PIPE|HOSTUNREACH|NETUNREACH|AI_AGAIN|TIMEDOUT))/.test(code) || (error as Error).name === 'SocketError';
}

/**
 * The node refused a worker's call for good (a 4xx). `message` is the one sentence the user of
 * the render reads (no job id, address or path: those mean nothing to them); `detail` is the
 * call, the status and the node's own reason, for the worker's log.
 */
export class NodeRefusal extends StudioError {
  constructor(
    message: string,
    readonly detail: string,
    readonly statusCode: number,
  ) {
    super(message);
  }
}

/** What a worker was doing when the node refused it, as the render's user would say it. */
export type WorkerCall = 'input' | 'upload';

/** The refusal in the user's words: what could not be done, and why when the status says it plainly. Pure. */
export function refusalSentence(call: WorkerCall, statusCode: number): string {
  const what = call === 'input' ? 'A render worker could not get the video from the render node' : 'A render worker could not hand the finished file back to the render node';
  const why =
    statusCode === 401 || statusCode === 403
      ? ' (the node did not accept the worker\'s key)'
      : statusCode === 404
        ? ' (the node no longer has it)'
        : statusCode === 409
          ? ' (the node no longer waits for this render)'
          : statusCode === 413 || statusCode === 507
            ? ' (the node had no room for it)'
            : '';
  return `${what}${why}, so the render stopped.`;
}

/** A 5xx may pass (the node restarting), and so may a damaged upload (422); another 4xx will not. */
async function refusal(call: WorkerCall, what: string, statusCode: number, body: { text(): Promise<string> }): Promise<Error> {
  const text = await body.text().catch(() => '');
  let reason = '';
  try {
    reason = String((JSON.parse(text) as { message?: unknown }).message ?? '');
  } catch {
    // not an envelope: keep the status alone
  }
  const message = reason ? `${what}: the node answered ${statusCode}: ${reason}` : `${what}: the node answered ${statusCode}.`;
  return statusCode >= 500 || statusCode === 422 ? new TransientError(message) : new NodeRefusal(refusalSentence(call, statusCode), message, statusCode);
}

/**
 * Downloads a job's input into `destination`, resuming with Range after a cut: bytes already on
 * disk are never fetched twice. Resolves with the file's size.
 */
export async function fetchInput(link: NodeLink, jobId: string, mediaId: string, destination: string, signal: AbortSignal): Promise<number> {
  const url = `${link.base}${WORKER_PATH_PREFIX}jobs/${encodeURIComponent(jobId)}/media/${encodeURIComponent(mediaId)}`;
  const what = `job ${jobId}: input ${mediaId}`;
  return persist(link, what, signal, async () => {
    const have = await stat(destination).then((stats) => stats.size, () => 0);
    const answer = await request(url, { method: 'GET', headers: { [ACCESS_KEY_HEADER]: link.key, ...(have > 0 ? { range: `bytes=${have}-` } : {}) }, signal });
    if (answer.statusCode === 416) {
      await answer.body.dump();
      return have;
    }
    if (answer.statusCode !== 200 && answer.statusCode !== 206) throw await refusal('input', what, answer.statusCode, answer.body);
    const total = answer.statusCode === 206 ? Number(/\/(\d+)$/.exec(String(answer.headers['content-range']))?.[1]) : Number(answer.headers['content-length']);
    try {
      await pipeline(answer.body, createWriteStream(destination, { flags: answer.statusCode === 206 ? 'a' : 'w' }), { signal });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new TransientError(`the transfer was cut (${(error as Error).message})`);
    }
    const size = (await stat(destination)).size;
    if (Number.isFinite(total) && size !== total) throw new TransientError(`got ${size} of ${total} bytes`);
    return size;
  });
}

/** The SHA-256 of a file, hex, read as a stream. */
export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** Uploads one output as a stream with its size and hash, which the node checks before keeping it; a cut upload starts over. */
export async function uploadOutput(
  link: NodeLink,
  target: { jobId: string; attempt: string; name: string },
  file: { path: string; size: number; sha256: string },
  signal: AbortSignal,
): Promise<void> {
  const url = `${link.base}${WORKER_PATH_PREFIX}jobs/${encodeURIComponent(target.jobId)}/outputs/${target.attempt}/${target.name}`;
  const what = `job ${target.jobId}: upload of ${target.name}`;
  await persist(link, what, signal, async () => {
    const answer = await request(url, {
      method: 'PUT',
      headers: { [ACCESS_KEY_HEADER]: link.key, 'content-length': String(file.size), [SHA256_HEADER]: file.sha256, 'content-type': 'application/octet-stream' },
      body: createReadStream(file.path),
      signal,
    });
    if (answer.statusCode !== 200) throw await refusal('upload', what, answer.statusCode, answer.body);
    await answer.body.dump();
  });
}
