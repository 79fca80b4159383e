import { createParser } from 'eventsource-parser';
import { openAsBlob } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startRenderNode, type RenderNode, type RenderNodeOptions } from '../../src/server/index.js';

// A tiny Nemo client for the tests: the calls exactly as the brief makes them, answers unwrapped
// only as far as the envelope, so each test asserts on what a real client would see.

/** A parsed JSON answer: HTTP status, the envelope, and the headers. */
export type Answer = { status: number; code: number; message: string; data: any; headers: Headers };

type RequestBody = NonNullable<Parameters<typeof fetch>[1]>['body'];

/** The X-Skill-* headers every brief request carries. */
export const SKILL_HEADERS = { 'x-skill-source': 'compressor-ai', 'x-skill-version': '0.1.0', 'x-skill-platform': 'unknown' };

// The access key of each node the tests started, by origin: every request to it carries the key,
// as a real client's does, unless a test sends its own X-Access-Key.
const keys = new Map<string, string>();

/** Remembers the key of a node started outside startTestNode (a `serve` process). */
export function rememberKey(base: string, key: string): void {
  keys.set(new URL(base).origin, key);
}

/** The X-Access-Key header a request to `url` needs (none for a node the tests did not start). */
export function keyHeaders(url: string): Record<string, string> {
  const key = keys.get(new URL(url).origin);
  return key ? { 'x-access-key': key } : {};
}

/** GETs a download URL with the node's key, as the client does. */
export function download(url: string): Promise<Response> {
  return fetch(url, { headers: keyHeaders(url) });
}

/** Starts a node on 127.0.0.1 in a fresh temp data folder (or the given one). */
export async function startTestNode(options: Partial<RenderNodeOptions> = {}): Promise<{ node: RenderNode; dataDir: string; cleanup: () => Promise<void> }> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'node-')));
  const node = await startRenderNode({ ...options, dataDir });
  rememberKey(node.url, node.accessKey);
  return { node, dataDir, cleanup: async () => {
    await node.close();
    await rm(dataDir, { recursive: true, force: true });
  } };
}

/** Sends one request and reads the JSON envelope. */
export async function call(base: string, method: string, path: string, options: { token?: string; headers?: Record<string, string>; json?: unknown; body?: RequestBody } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...SKILL_HEADERS, ...keyHeaders(base), ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(base + path, { method, headers, body });
  const envelope = (await response.json()) as { code: number; message: string; data: unknown };
  return { status: response.status, code: envelope.code, message: envelope.message, data: envelope.data, headers: response.headers };
}

/** A token and a session, as a new client gets them. */
export async function newSession(base: string, clientId = crypto.randomUUID()): Promise<{ token: string; sessionId: string }> {
  const token = await call(base, 'POST', '/api/auth/anonymous-token', { headers: { 'x-client-id': clientId } });
  if (token.code !== 0) throw new Error(`token: ${token.message}`);
  const session = await call(base, 'POST', '/api/tasks/me/with-session/nemo_agent', { token: token.data.token, json: { task_name: 'project', language: 'en' } });
  if (session.code !== 0) throw new Error(`session: ${session.message}`);
  return { token: token.data.token, sessionId: session.data.session_id };
}

/** Uploads files as the multipart field `files`. */
export async function upload(base: string, token: string, sessionId: string, files: string[], names?: string[]): Promise<Answer> {
  const form = new FormData();
  for (const [index, file] of files.entries()) form.append('files', await openAsBlob(file), names?.[index] ?? basename(file));
  return call(base, 'POST', `/api/upload-video/nemo_agent/me/${sessionId}`, { token, body: form });
}

/** What a /run_sse turn streamed: the ADK events in order, and how many heartbeats came. */
export type Turn = { status: number; events: any[]; heartbeats: number; body: string };

/** Sends a message and reads the whole SSE stream. */
export async function message(base: string, token: string, sessionId: string, text: string): Promise<Turn> {
  const response = await fetch(`${base}/run_sse`, {
    method: 'POST',
    headers: { ...SKILL_HEADERS, ...keyHeaders(base), authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ app_name: 'nemo_agent', user_id: 'me', session_id: sessionId, new_message: { parts: [{ text }] } }),
  });
  const body = await response.text();
  const events: any[] = [];
  let heartbeats = 0;
  const parser = createParser({ onEvent: (event) => events.push(JSON.parse(event.data)), onComment: () => (heartbeats += 1) });
  parser.feed(body);
  return { status: response.status, events, heartbeats, body };
}

/** Starts an export of the session's draft. */
export async function startExport(base: string, token: string, sessionId: string, id: string, draft?: unknown): Promise<Answer> {
  return call(base, 'POST', '/api/render/proxy/lambda', { token, json: { id, sessionId, draft, output: { format: 'mp4', quality: 'high' } } });
}

/** Polls a render until it is completed or failed (no fixed timing: the test timeout bounds it). */
export async function waitForRender(base: string, token: string, id: string, until: (data: any) => boolean = (data) => data.status === 'completed' || data.status === 'failed'): Promise<any> {
  for (;;) {
    const answer = await call(base, 'GET', `/api/render/proxy/lambda/${encodeURIComponent(id)}`, { token });
    if (answer.code !== 0) throw new Error(`poll: ${answer.message}`);
    if (until(answer.data)) return answer.data;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
