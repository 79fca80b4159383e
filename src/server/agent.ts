import { randomUUID } from 'node:crypto';
import { runTurn } from './agent-turn.js';
import { ApiFailure, badRequest } from './api-failure.js';
import { messageRequest, type MessageRequest } from '../wire/requests.js';
import { readBody } from './envelope.js';
import type { Router } from './router.js';
import { publicBase, userOf, type NodeServices } from './services.js';
import { adkEvent, SseStream, textChunks } from './sse.js';
import { mediaFolder } from './uploads.js';

/**
 * `POST /run_sse`: one agent turn, streamed as ADK events. Everything that can be refused (token,
 * session, credits) is checked before the stream opens, so errors arrive in the JSON envelope.
 * The draft is saved before the reply streams: a client whose stream drops finds the change in state.
 */
export function addAgentRoutes(router: Router, services: NodeServices): void {
  router.add('POST', '/run_sse', async ({ req, res }) => {
    const user = userOf(req, services);
    const body = await readBody(req, messageRequest);
    const text = messageText(body.new_message ?? body.newMessage);
    if (!text) throw badRequest('The message has no text: send {"new_message": {"parts": [{"text": "…"}]}}.');
    const session = services.sessions.get(body.session_id ?? body.sessionId, user.userId);
    // The agent plans with what this machine's ffmpeg can do, as the render will (probed once, cached).
    const caps = await services.capabilities();
    if (!(await services.tokens.spendCredit(user))) {
      throw new ApiFailure(2001, 'There are no credits left for messages on this node.', {
        hint: 'Export is still free. Ask the node operator to restart it with more --credits.',
        data: { bind_id: session.bindId, register_url: `${publicBase(req, services)}/register?bind=${session.bindId}` },
      });
    }

    let turn: ReturnType<typeof runTurn>;
    try {
      turn = runTurn(text, session, { mediaDir: mediaFolder(services.dataDir), balance: services.tokens.balance(user), caps });
      const { draft, offer } = turn;
      if (draft || offer || session.offer) {
        await services.sessions.update(session, (record) => {
          if (draft) record.draft = draft;
          if (offer) record.offer = offer;
          else delete record.offer;
        });
      }
    } catch (error) {
      // A refused turn costs nothing.
      await services.tokens.refundCredit(user);
      throw error;
    }
    const invocationId = `e-${randomUUID()}`;
    const stream = new SseStream(res, services.heartbeatMs);
    for (const step of turn.steps) {
      const id = `call-${randomUUID()}`;
      stream.send(adkEvent(invocationId, [{ functionCall: { id, name: step.name, args: step.args } }]));
      stream.send(adkEvent(invocationId, [{ functionResponse: { id, name: step.name, response: step.response } }]));
    }
    for (const chunk of textChunks(turn.text)) stream.send(adkEvent(invocationId, [{ text: chunk }], { partial: true }));
    stream.send(adkEvent(invocationId, [{ text: turn.text }], { stateDelta: turn.draft ? { draft: turn.draft } : {} }));
    stream.end();
  });
}

/** The text of an ADK message (`{parts: [{text}]}`), its text parts joined; '' when there is none. */
export function messageText(message: MessageRequest['new_message']): string {
  return (message?.parts ?? [])
    .map((part) => part.text ?? '')
    .join('')
    .trim()
    .slice(0, 4000);
}
