import { describe, expect, it } from 'vitest';
import { DEFAULT_ISSUE_LIMIT } from '../../src/server/auth.js';
import { call, message, newSession, startTestNode } from './node-harness.js';

// Token issuance over HTTP, as a script minting client ids would meet it.

const askToken = (base: string, clientId: string) => call(base, 'POST', '/api/auth/anonymous-token', { headers: { 'x-client-id': clientId } });

describe('token issuance', () => {
  it('gives one address a burst of tokens, then 429 with Retry-After however many client ids it makes up', async () => {
    const started = await startTestNode();
    try {
      for (let index = 0; index < DEFAULT_ISSUE_LIMIT.burst; index++) expect((await askToken(started.node.url, crypto.randomUUID())).code).toBe(0);
      const refused = await askToken(started.node.url, crypto.randomUUID());
      expect([refused.status, refused.code]).toEqual([429, 429]);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(DEFAULT_ISSUE_LIMIT.refillMs / 1000);
    } finally {
      await started.cleanup();
    }
  });

  it('takes the same client id in upper case as the same client', async () => {
    const started = await startTestNode();
    try {
      const id = crypto.randomUUID();
      expect((await askToken(started.node.url, id)).code).toBe(0);
      expect((await askToken(started.node.url, id.toUpperCase())).code).toBe(429);
    } finally {
      await started.cleanup();
    }
  });

  it('--credits 1 is one turn for this user, not one per client id', async () => {
    const started = await startTestNode({ credits: 1 });
    try {
      const first = await newSession(started.node.url);
      expect((await message(started.node.url, first.token, first.sessionId, 'help')).status).toBe(200);
      const second = await newSession(started.node.url);
      expect((await call(started.node.url, 'GET', '/api/credits/balance/simple', { token: second.token })).data).toEqual({ available: 0, frozen: 0, total: 1 });
      const refused = await call(started.node.url, 'POST', '/run_sse', { token: second.token, json: { session_id: second.sessionId, new_message: { parts: [{ text: 'help' }] } } });
      expect(refused.code).toBe(2001);
    } finally {
      await started.cleanup();
    }
  });
});
