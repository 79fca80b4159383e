import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { debugDetails, StudioError } from '../errors.js';
import { lockDataFolder } from './data-lock.js';
import { capabilities } from '../media/capabilities.js';
import { MAX_INPUT_BYTES } from '../media/types.js';
import { checkAccessKey, isLoopbackHost, newAccessKey } from './access-key.js';
import { addAccountRoutes } from './account-routes.js';
import { addAgentRoutes } from './agent.js';
import { ApiFailure } from './api-failure.js';
import { TokenBook, type IssueLimit } from './auth.js';
import { sendFailure, toApiFailure } from './envelope.js';
import { addRenderRoutes } from './render-routes.js';
import { WORKER_PATH_PREFIX, type RenderBackend } from './render-backend.js';
import { RenderQueue } from './renders.js';
import { Router } from './router.js';
import type { NodeServices } from './services.js';
import { SessionBook } from './sessions.js';
import { limitSlowRequests } from './slow-requests.js';
import { HEARTBEAT_MS } from './sse.js';
import { addUploadRoutes } from './upload-routes.js';
import { removeUnlisted } from './persist.js';
import { mediaFolder } from './uploads.js';

/** How to start a render node (wire.md); the options after `concurrency` are for tests. */
export type RenderNodeOptions = {
  /** Default 127.0.0.1; any other address needs an access key chosen by the operator. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  dataDir: string;
  /** Credits each node user (each address) gets per 7 days; unlimited when absent. */
  credits?: number;
  /** The key every request must carry; when absent, a random one (the node's `accessKey`). */
  accessKey?: string;
  /** Renders at once; default 1. */
  concurrency?: number;
  /** One line per request. */
  log?: (line: string) => void;
  /** Tests only: URL uploads may reach this machine (their file servers run on loopback). */
  allowInternalUrls?: boolean;
  /** Tokens per address (default DEFAULT_ISSUE_LIMIT); tests that ask for many set more. */
  issueLimit?: IssueLimit;
  /** The clock, for token expiry tests. */
  now?: () => number;
  /** Upload limit, default 500 MB. */
  maxUploadBytes?: number;
  heartbeatMs?: number;
  /** How long a request body may stall before its connection is dropped (tests set it short). */
  bodyIdleMs?: number;
  /** Renders elsewhere (`serve --queue`); default: in this process. */
  backend?: RenderBackend;
  /**
   * Whether the renders a stopped node left unfinished run again when it starts: yes for a serve
   * node (its clients come back for them); no for the embedded node, whose client died with it,
   * so that nothing renders for no one (they end failed).
   */
  resumeRenders?: boolean;
};

/** A running node, and the key every request to it must carry. */
export type RenderNode = { url: string; accessKey: string; close(): Promise<void> };

/**
 * Starts the render node: the Nemo API over HTTP, backed by the media core, with its state in
 * `dataDir`. Every request needs the access key, on loopback too (any local user could otherwise
 * use the node, and read what it reads); beyond loopback the operator must choose the key.
 */
export async function startRenderNode(options: RenderNodeOptions): Promise<RenderNode> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !options.accessKey) {
    throw new StudioError(`Refusing to listen on ${host} without an access key: anyone who can reach it could use this node.`, {
      hint: 'Pass --access-key K (clients send it as X-Access-Key), or leave --host at 127.0.0.1.',
      exitCode: 2,
    });
  }
  const accessKey = options.accessKey ?? newAccessKey();
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const unlock = await lockDataFolder(options.dataDir);
  try {
    return await openNode(options, host, accessKey, unlock);
  } catch (error) {
    await unlock();
    throw error;
  }
}

async function openNode(options: RenderNodeOptions, host: string, accessKey: string, unlock: () => Promise<void>): Promise<RenderNode> {
  const now = options.now ?? Date.now;
  const tokens = await TokenBook.open(options.dataDir, { now, credits: options.credits, issueLimit: options.issueLimit });
  // Sessions, uploads and renders of users whose token expired can never be reached again: without
  // this, every video ever compressed stayed in the data folder twice (the upload and the output).
  const live = tokens.liveUsers();
  const keepUser = (userId: string) => live.has(userId);
  const sessions = await SessionBook.open(options.dataDir, keepUser);
  // Also what a crash cut short mid-upload: a stored upload no session holds.
  await removeUnlisted(mediaFolder(options.dataDir), sessions.mediaIds());
  const renders = await RenderQueue.open({
    dataDir: options.dataDir,
    concurrency: options.backend?.concurrency ?? options.concurrency ?? 1,
    now,
    keepUser,
    log: options.log,
    produce: options.backend?.produce,
    producerQueues: options.backend !== undefined,
    resumeUnfinished: options.resumeRenders ?? true,
    onCompleted: async (record) => {
      const session = sessions.find(record.sessionId);
      if (!session) return;
      for (const [index, output] of record.outputs.entries()) {
        session.generated.push({ renderId: record.id, mediaId: output.mediaId, fileId: output.fileId, name: output.name, size: output.size, goal: record.items[index].goal });
      }
      await sessions.save(session);
    },
  });

  let baseUrl = '';
  const services: NodeServices = {
    dataDir: options.dataDir,
    tokens,
    sessions,
    renders,
    now,
    maxUploadBytes: options.maxUploadBytes ?? MAX_INPUT_BYTES,
    allowInternalUrls: options.allowInternalUrls ?? false,
    heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS,
    capabilities,
    baseUrl: () => baseUrl,
  };
  const router = new Router();
  addAccountRoutes(router, services);
  addUploadRoutes(router, services);
  addAgentRoutes(router, services);
  addRenderRoutes(router, services);
  options.backend?.addRoutes(router, services);

  const server = createServer((req, res) => void handle(req, res, router, accessKey, options.log));
  limitSlowRequests(server, options.bodyIdleMs);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    await renders.close();
    await options.backend?.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StudioError(`Port ${options.port} on ${host} is already in use.`, { hint: 'Another render node may be running there: use it, or pick another --port.', cause: error });
    }
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: baseUrl,
    accessKey,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await renders.close();
      await options.backend?.close();
      server.closeAllConnections();
      await closed;
      await unlock();
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, router: Router, accessKey: string, log?: (line: string) => void): Promise<void> {
  const started = Date.now();
  const url = new URL(req.url ?? '/', 'http://node');
  if (log) res.on('close', () => log(`${req.method} ${redact(url.pathname)} ${res.statusCode} ${Date.now() - started}ms`));
  try {
    // Workers carry their own key, which the backend's routes check (there are none without a backend).
    if (!url.pathname.startsWith(WORKER_PATH_PREFIX)) checkAccessKey(req, accessKey);
    const match = router.match(req.method ?? 'GET', url.pathname);
    if (!match) throw new ApiFailure(404, `There is no ${req.method} ${url.pathname.slice(0, 200)} on this node.`);
    await match.handler({ req, res, params: match.params, url });
  } catch (error) {
    const failure = toApiFailure(error);
    // The client gets one sentence; the operator gets what went wrong inside.
    if (failure.code === 500) log?.(`error in ${req.method} ${redact(url.pathname)}: ${debugDetails(error)}`);
    sendFailure(res, failure);
  }
}

/** Download paths are secrets (anyone with one can fetch the file): keep them out of the log. */
function redact(pathname: string): string {
  return pathname.startsWith('/files/') ? '/files/…' : pathname.slice(0, 200);
}
