import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_LIFETIME_MS, TokenBook } from '../../src/server/auth.js';

let dir: string;
let clock: number;
const now = (): number => clock;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'auth-'));
  clock = 1_700_000_000_000;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('TokenBook', () => {
  it('issues a token that authenticates until it is 7 days old', async () => {
    const book = await TokenBook.open(dir, { now });
    const record = await book.issue('client-1');
    expect(book.authenticate(`Bearer ${record.token}`).userId).toBe(record.userId);
    clock += TOKEN_LIFETIME_MS;
    expect(() => book.authenticate(`Bearer ${record.token}`)).toThrow(expect.objectContaining({ code: 1001 }));
  });

  it('refuses a missing client id (400) and a second token within 7 days (429 with Retry-After)', async () => {
    const book = await TokenBook.open(dir, { now });
    await expect(book.issue(undefined)).rejects.toMatchObject({ code: 400, httpStatus: 400 });
    await book.issue('client-1');
    await expect(book.issue('client-1')).rejects.toMatchObject({ code: 429, headers: { 'retry-after': '30' } });
    clock += TOKEN_LIFETIME_MS;
    await expect(book.issue('client-1')).resolves.toMatchObject({ clientId: 'client-1' });
  });

  it('counts credits when given, and keeps them across a reopen', async () => {
    const book = await TokenBook.open(dir, { now, credits: 1 });
    const record = await book.issue('client-1');
    expect(await book.spendCredit(record)).toBe(true);
    expect(await book.spendCredit(record)).toBe(false);
    const reopened = await TokenBook.open(dir, { now, credits: 1 });
    const again = reopened.authenticate(`Bearer ${record.token}`);
    expect(reopened.balance(again)).toEqual({ available: 0, frozen: 0, total: 1 });
  });

  it('reports unlimited credits as a number', async () => {
    const book = await TokenBook.open(dir, { now });
    expect(book.balance(await book.issue('c'))).toEqual({ available: 1e9, frozen: 0, total: 1e9, unlimited: true });
  });

  it.each([undefined, '', 'Bearer', 'Basic abc', 'Bearer nope'])('refuses authorization %o with 1001', async (header) => {
    const book = await TokenBook.open(dir, { now });
    expect(() => book.authenticate(header)).toThrow(expect.objectContaining({ code: 1001, httpStatus: 401 }));
  });
});
