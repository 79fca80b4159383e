import { describe, expect, it } from 'vitest';
import { NemoError } from '../../src/errors.js';
import { readEnvelope } from '../../src/engine/api/envelope.js';
import { readRenderStatus } from '../../src/engine/api/render-calls.js';

describe('readEnvelope', () => {
  it.each([
    ['code 0', 200, { code: 0, data: { a: 1 } }],
    ['success style', 200, { success: true, data: { a: 1 } }],
    ['bare body', 200, { a: 1 }],
  ])('accepts %s', (_name, status, body) => {
    expect(readEnvelope(status, body)).toBe(body);
  });

  it.each([
    ['the body code over the HTTP status', 401, { code: 1001, message: 'expired' }, 1001],
    ['a string code', 404, { code: '1002', message: 'gone' }, 1002],
    ['the HTTP status without a code', 402, {}, 402],
    ['the HTTP status with success:false', 429, { success: false, error: 'slow down' }, 429],
    ['a non-zero code on HTTP 200', 200, { code: 2001, message: 'no credits' }, 2001],
    ['a plain-text error page', 500, { message: 'Internal' }, 500],
  ])('reads %s', (_name, status, body, code) => {
    let caught: unknown;
    try {
      readEnvelope(status, body);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NemoError);
    expect((caught as NemoError).code).toBe(code);
    expect((caught as NemoError).httpStatus).toBe(status);
  });
});

describe('readRenderStatus', () => {
  it.each([
    ['the node shape', { code: 0, data: { id: 'r1', status: 'processing', progress: 40, output: { url: 'http://n/a', size: 5 }, outputs: [{ url: 'http://n/a', size: 5 }, { url: 'http://n/b', size: 6, name: 'b.mp4' }] } }, { status: 'processing', progress: 40, urls: ['http://n/a', 'http://n/b'] }],
    ['top-level fields', { status: 'completed', output: { url: 'http://c/x' } }, { status: 'completed', progress: 100, urls: ['http://c/x'] }],
    ['outputUrl in data', { success: true, data: { status: 'success', outputUrl: 'http://c/y' } }, { status: 'completed', progress: 100, urls: ['http://c/y'] }],
    ['a cancel answer', { code: 0, data: { id: 'r1', status: 'failed', error: 'canceled' } }, { status: 'failed', progress: 0, urls: [] }],
    ['an unknown status', { data: { status: 'rendering', progress: 250 } }, { status: 'processing', progress: 100, urls: [] }],
  ])('reads %s', (_name, answer, expected) => {
    const status = readRenderStatus(answer, 'fallback');
    expect({ status: status.status, progress: status.progress, urls: status.outputs.map((o) => o.url) }).toEqual(expected);
  });

  it.each([
    ['a place while pending', { code: 0, data: { id: 'r1', status: 'pending', progress: 0, queue_position: 2 } }, 2],
    ['camelCase too', { status: 'pending', queuePosition: 1 }, 1],
    ['none while running', { status: 'processing', progress: 3, queue_position: 2 }, undefined],
    ['none that is not a place', { status: 'pending', queue_position: 0 }, undefined],
    ['none from a node that names none', { status: 'pending' }, undefined],
  ])('queue position: %s', (_name, answer, place) => {
    expect(readRenderStatus(answer, 'x').queuePosition).toBe(place);
  });

  it.each([
    ['each item while running', { data: { status: 'processing', progress: 50, items: [{ status: 'completed', progress: 100 }, { status: 'processing', progress: 0 }] } }, [{ status: 'completed', progress: 100 }, { status: 'processing', progress: 0 }]],
    ['none from the cloud', { data: { status: 'processing', progress: 50 } }, undefined],
    ['none that is not a list of items', { data: { status: 'processing', progress: 50, items: 'two' } }, undefined],
    ['none with an item out of range', { data: { status: 'processing', progress: 50, items: [{ status: 'processing', progress: 140 }] } }, undefined],
    ['none with an unknown item status', { data: { status: 'processing', progress: 50, items: [{ status: 'rendering', progress: 10 }] } }, undefined],
    ['none once completed', { data: { status: 'completed', progress: 100, items: [{ status: 'completed', progress: 100 }] } }, undefined],
  ])('per-item progress: %s', (_name, answer, items) => {
    expect(readRenderStatus(answer, 'x').items).toEqual(items);
  });

  const prose = 'Came out at 2.1 MB, over 2 MB: re-encoded at 700 kbps, 15 fps.';
  const asData = { code: 'size-overshot', actualBytes: 2.1e6, targetBytes: 2e6, kbps: 700, change: { kind: 'fps', fps: 15 } };
  it.each([
    ['the local node\'s, as data beside the prose', [asData], { notes: [prose], planNotes: [asData] }],
    ['the prose alone when a note does not read as data', [asData, { code: 'louder' }], { notes: [prose] }],
    ['the prose alone when the data is not a list', 'size-overshot', { notes: [prose] }],
    ['the cloud\'s prose, with no data', undefined, { notes: [prose] }],
  ])('render notes: %s', (_name, planNotes, expected) => {
    const [output] = readRenderStatus({ data: { status: 'completed', outputs: [{ url: 'http://n/a', notes: [prose], ...(planNotes === undefined ? {} : { plan_notes: planNotes }) }] } }, 'x').outputs;
    expect({ notes: output.notes, ...(output.planNotes ? { planNotes: output.planNotes } : {}) }).toEqual(expected);
  });

  it('keeps the error text', () => {
    expect(readRenderStatus({ data: { status: 'failed', error: 'canceled' } }, 'x').error).toBe('canceled');
  });
});
