import { packageVersion } from '../version.js';
import { createSessionRequest } from '../wire/requests.js';
import { readBody, sendData } from './envelope.js';
import type { Router } from './router.js';
import { publicBase, userOf, type NodeServices } from './services.js';
import type { SessionRecord } from './sessions.js';

/** Who the node is, token, session, credits and state: the calls that read and create records. */
export function addAccountRoutes(router: Router, services: NodeServices): void {
  router.add('GET', '/api/node/hello', async ({ res }) => {
    sendData(res, { name: 'compressor-studio', version: packageVersion, requires_key: true });
  });

  // Where a 2001 answer sends the user: a local node has no accounts, so it says who gives credits.
  router.add('GET', '/register', async ({ res }) => {
    sendData(res, null, 'This is a local render node: its credits are set by whoever runs it (serve --credits N). Ask them for more, or start your own node.');
  });

  router.add('POST', '/api/auth/anonymous-token', async ({ req, res }) => {
    const clientId = req.headers['x-client-id'];
    const record = await services.tokens.issue(Array.isArray(clientId) ? clientId[0] : clientId, req.socket.remoteAddress);
    sendData(res, {
      token: record.token,
      user_id: record.userId,
      expires_at: new Date(record.expiresAt).toISOString(),
      credits: services.tokens.balance(record).available,
    });
  });

  router.add('POST', '/api/tasks/me/with-session/nemo_agent', async ({ req, res }) => {
    const user = userOf(req, services);
    await readBody(req, createSessionRequest);
    const session = await services.sessions.create(user.userId, services.now());
    sendData(res, { task_id: session.taskId, session_id: session.sessionId, user_id: user.userId, bind_id: session.bindId });
  });

  router.add('GET', '/api/credits/balance/simple', async ({ req, res }) => {
    sendData(res, services.tokens.balance(userOf(req, services)));
  });

  router.add('GET', '/api/state/nemo_agent/me/:sid/latest', async ({ req, res, params }) => {
    const session = services.sessions.get(params.sid, userOf(req, services).userId);
    sendData(res, { state: stateOf(session, publicBase(req, services)) });
  });
}

/** A session as the state call shows it. */
export function stateOf(session: SessionRecord, base: string): Record<string, unknown> {
  return {
    draft: session.draft,
    video_infos: Object.fromEntries(Object.values(session.media).map((media) => [media.mediaId, media.info])),
    generated_media: session.generated.map((item) => ({
      render_id: item.renderId,
      media_id: item.mediaId,
      name: item.name,
      url: fileUrl(base, item.fileId, item.name),
      size: item.size,
      goal: item.goal,
    })),
  };
}

/** The download URL of an output: its unguessable file id, then the name the browser saves it as. */
export function fileUrl(base: string, fileId: string, name: string): string {
  return `${base}/files/${fileId}/${encodeURIComponent(name)}`;
}
