import { NemoError } from '../../errors.js';
import { callJson } from './call-json.js';
import type { Connection } from './connection.js';
import { asRecord, pick, pickNumber, pickString } from './lenient.js';
import type { Credits, NodeHello, SessionInfo, TokenGrant } from './types.js';

/** `POST /api/auth/anonymous-token`: a free token for this client id. */
export async function requestToken(connection: Connection, clientId: string, signal?: AbortSignal): Promise<TokenGrant> {
  const answer = await callJson(connection, { method: 'POST', path: '/api/auth/anonymous-token', headers: { 'x-client-id': clientId }, signal });
  const token = pickString(answer, 'token', 'access_token', 'accessToken');
  if (!token) throw new NemoError(500, 'The node answered the token request without a token.');
  return {
    token,
    userId: pickString(answer, 'user_id', 'userId'),
    expiresAt: pickString(answer, 'expires_at', 'expiresAt'),
    credits: pickNumber(answer, 'credits'),
  };
}

/** `POST /api/tasks/me/with-session/nemo_agent`: a new session (its id stays a string). */
export async function createSession(connection: Connection, language = 'en', signal?: AbortSignal): Promise<SessionInfo> {
  const answer = await callJson(connection, {
    method: 'POST',
    path: '/api/tasks/me/with-session/nemo_agent',
    json: { task_name: 'project', language },
    signal,
  });
  const sessionId = pickString(answer, 'session_id', 'sessionId');
  if (!sessionId) throw new NemoError(500, 'The node answered the session request without a session id.');
  return {
    sessionId,
    taskId: pickString(answer, 'task_id', 'taskId'),
    userId: pickString(answer, 'user_id', 'userId'),
    bindId: pickString(answer, 'bind_id', 'bindId'),
  };
}

/** `GET /api/credits/balance/simple`. */
export async function getCredits(connection: Connection, signal?: AbortSignal): Promise<Credits> {
  const answer = await callJson(connection, { method: 'GET', path: '/api/credits/balance/simple', signal });
  return {
    available: pickNumber(answer, 'available') ?? 0,
    frozen: pickNumber(answer, 'frozen') ?? 0,
    total: pickNumber(answer, 'total') ?? 0,
    unlimited: pick(answer, 'unlimited') === true,
  };
}

/** `GET /api/node/hello`: proves a node is this user's own (it requires the key when it has one). */
export async function hello(connection: Connection, signal?: AbortSignal): Promise<NodeHello> {
  const answer = await callJson(connection, { method: 'GET', path: '/api/node/hello', signal });
  const data = asRecord(asRecord(answer).data);
  return {
    name: pickString(answer, 'name') ?? '',
    version: pickString(answer, 'version'),
    requiresKey: (data.requires_key ?? data.requiresKey) === true,
  };
}
