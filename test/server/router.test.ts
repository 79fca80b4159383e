import { describe, expect, it } from 'vitest';
import { Router } from '../../src/server/router.js';

const noop = async (): Promise<void> => undefined;

describe('Router', () => {
  const router = new Router()
    .add('GET', '/api/state/nemo_agent/me/:sid/latest', noop)
    .add('POST', '/api/render/proxy/lambda/:id/cancel', noop)
    .add('GET', '/api/render/proxy/lambda/:id', noop);

  it.each([
    ['GET', '/api/state/nemo_agent/me/123/latest', { sid: '123' }],
    ['POST', '/api/render/proxy/lambda/render_1/cancel', { id: 'render_1' }],
    ['GET', '/api/render/proxy/lambda/a%20b', { id: 'a b' }],
    ['GET', '/api/render/proxy/lambda/..%2F..%2Fetc', { id: '../../etc' }],
  ])('%s %s → %o', (method, path, params) => {
    expect(router.match(method, path)?.params).toEqual(params);
  });

  it.each([
    ['POST', '/api/state/nemo_agent/me/123/latest'],
    ['GET', '/api/state/nemo_agent/me/123'],
    ['GET', '/api/render/proxy/lambda/%E0%A4%A'],
    ['GET', '/nothing'],
  ])('%s %s matches nothing', (method, path) => {
    expect(router.match(method, path)).toBeUndefined();
  });
});
