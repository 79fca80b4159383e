import { describe, expect, it } from 'vitest';
import { yesOrNo } from '../../src/goal/intent.js';

describe('yesOrNo', () => {
  it.each([
    ['yes', 'yes'],
    ['Yes please!', 'yes'],
    ['sure', 'yes'],
    ['ok.', 'yes'],
    ['trim it', 'yes'],
    ['好', 'yes'],
    ['好的。', 'yes'],
    ['可以', 'yes'],
    ['no', 'no'],
    ['No thanks', 'no'],
    ['nope', 'no'],
    ['leave it as it is', 'no'],
    ['不用了', 'no'],
    ['算了', 'no'],
    ['Never mind.', 'no'],
    ['nevermind', 'no'],
    ['forget it', 'no'],
    ['没事', 'no'],
    // More than an answer: an instruction of its own.
    ['yes, and make it 720p', undefined],
    ['no, 720p', undefined],
    ['go ahead', undefined],
    ['not yet', undefined],
    ['', undefined],
  ])('reads %j as %s', (text, answer) => {
    expect(yesOrNo(text)).toBe(answer);
  });
});
