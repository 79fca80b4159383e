import { describe, expect, it } from 'vitest';
import { NemoError, StudioError } from '../../src/errors.js';
import { MAX_RETRY_WAIT_MS, NemoAnswerError } from '../../src/engine/api/envelope.js';
import { explainError, recoveryFor, registrationUrl, waitInWords, type CallKind, type Recovery } from '../../src/engine/error-policy.js';

const context = { apiBase: 'https://node.example', bindId: 'b-from-session' };

describe('recoveryFor', () => {
  it.each<[number, CallKind, Recovery]>([
    [1001, 'other', 'renew-token'],
    [1002, 'other', 'renew-session'],
    [2001, 'other', 'none'],
    [4001, 'other', 'none'],
    [4002, 'other', 'none'],
    [400, 'token', 'renew-client-id'],
    [400, 'other', 'none'],
    [402, 'other', 'none'],
    [429, 'token', 'wait-and-retry'],
    [429, 'other', 'wait-and-retry'],
    [500, 'other', 'none'],
  ])('code %i on a %s call → %s', (code, call, recovery) => {
    expect(recoveryFor(new NemoError(code, 'x'), call)).toBe(recovery);
  });

  it.each<[number | undefined, Recovery]>([
    [undefined, 'wait-and-retry'],
    [30_000, 'wait-and-retry'],
    [MAX_RETRY_WAIT_MS, 'wait-and-retry'],
    [MAX_RETRY_WAIT_MS + 1000, 'none'],
    [7 * 86_400_000, 'none'],
  ])('429 with Retry-After %o ms → %s', (retryAfterMs, recovery) => {
    expect(recoveryFor(new NemoAnswerError(429, 'x', { httpStatus: 429, data: {}, retryAfterMs }), 'token')).toBe(recovery);
  });

  it('leaves errors that are not Nemo answers alone', () => {
    expect(recoveryFor(new Error('boom'), 'other')).toBe('none');
  });
});

describe('explainError', () => {
  it.each([
    [1001, /refusing the sign-in token/],
    [1002, /session was lost/],
    [2001, /out of credits.*register.*bind=b-from-session/is],
    [4001, /not a supported.*mp4, mov, avi, webm, mkv/is],
    [4002, /too large.*Trim it or compress it/is],
    [402, /^Register or upgrade your plan to unlock export\.$/],
    [429, /^The node is limiting how often you may ask\. Try again later\.$/],
  ])('code %i in one sentence and a hint', (code, pattern) => {
    const explained = explainError(new NemoError(code, 'raw server words'), context) as StudioError;
    expect(`${explained.message} ${explained.hint ?? ''}`.trim()).toMatch(pattern);
    expect((explained as NemoError).code).toBe(code);
  });

  it.each([4001, 4002])('%i: a node\'s own reason for the file beats the general sentence', (code) => {
    const answer = new NemoAnswerError(code, 'refused', { httpStatus: 415, data: { reason: 'trip.mp4 is cut short: its index promises 62.0 s but the data stops early.', hint: 'Use a video file.' } });
    const explained = explainError(answer, context) as StudioError;
    expect([explained.message, explained.hint, (explained as NemoError).code]).toEqual(['trip.mp4 is cut short: its index promises 62.0 s but the data stops early.', 'Use a video file.', code]);
  });

  it('says when a rate-limited call may be tried again, from the node\'s Retry-After', () => {
    const explained = explainError(new NemoAnswerError(429, 'x', { httpStatus: 429, data: {}, retryAfterMs: 7 * 86_400_000 }), context) as StudioError;
    expect(`${explained.message} ${explained.hint}`).toBe('The node is limiting how often you may ask. Try again in 7 days.');
  });

  it.each([
    [0, '1 second'],
    [1000, '1 second'],
    [45_500, '46 seconds'],
    [89_000, '89 seconds'],
    [90_000, '2 minutes'],
    [3_600_000, '60 minutes'],
    [5_400_000, '2 hours'],
    [7 * 86_400_000, '7 days'],
  ])('waitInWords(%i) → %o', (ms, words) => {
    expect(waitInWords(ms)).toBe(words);
  });

  it('does not call a 402 a credits problem', () => {
    const explained = explainError(new NemoError(402, 'x'), context) as StudioError;
    expect(`${explained.message} ${explained.hint ?? ''}`).not.toMatch(/credit/i);
  });

  it('passes through errors it has no words for', () => {
    const error = new NemoError(-1, 'Could not reach the render node.');
    expect(explainError(error, context)).toBe(error);
  });
});

describe('registrationUrl', () => {
  it.each([
    ['the answer’s own link and bind id', { register_url: 'https://nemo.example/reg', bind_id: 'b1' }, 'https://nemo.example/reg?bind=b1'],
    ['a link that already has a query', { register_url: 'https://nemo.example/reg?src=cli', bind_id: 'b1' }, 'https://nemo.example/reg?src=cli&bind=b1'],
    ['a link that already binds', { register_url: 'https://nemo.example/reg?bind=zz' }, 'https://nemo.example/reg?bind=zz'],
    ['no data: the node’s page and the session’s bind id', {}, 'https://node.example/register?bind=b-from-session'],
  ])('%s', (_name, data, expected) => {
    expect(registrationUrl(new NemoAnswerError(2001, 'no credits', { httpStatus: 403, data }), context)).toBe(expected);
  });
});
