import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeUser, TOKEN_LIFETIME_MS, TokenBook } from '../../src/server/auth.js';

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

  it('refuses a missing client id (400) and a second token within 7 days (429, retry when the first expires)', async () => {
    const book = await TokenBook.open(dir, { now });
    await expect(book.issue(undefined)).rejects.toMatchObject({ code: 400, httpStatus: 400 });
    await book.issue('client-1');
    await expect(book.issue('client-1')).rejects.toMatchObject({ code: 429, headers: { 'retry-after': String(TOKEN_LIFETIME_MS / 1000) } });
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

  it('takes a client id in any case as the same client', async () => {
    const book = await TokenBook.open(dir, { now });
    const id = crypto.randomUUID();
    await book.issue(id);
    await expect(book.issue(id.toUpperCase())).rejects.toMatchObject({ code: 429 });
    await expect(book.issue(` ${id.toUpperCase()} `)).rejects.toMatchObject({ code: 429 });
  });

  it('limits tokens per address: a burst, then one per period, 429 saying when; other addresses unaffected', async () => {
    const book = await TokenBook.open(dir, { now, issueLimit: { burst: 3, refillMs: 60_000 } });
    for (const id of ['a', 'b', 'c']) await book.issue(id, '10.0.0.1');
    await expect(book.issue('d', '10.0.0.1')).rejects.toMatchObject({ code: 429, headers: { 'retry-after': '60' } });
    await expect(book.issue('d', '::ffff:10.0.0.1')).rejects.toMatchObject({ code: 429 });
    await book.issue('d', '10.0.0.2');
    clock += 30_000;
    await expect(book.issue('e', '10.0.0.1')).rejects.toMatchObject({ code: 429, headers: { 'retry-after': '30' } });
    clock += 30_000;
    await book.issue('e', '10.0.0.1');
    await expect(book.issue('f', '10.0.0.1')).rejects.toMatchObject({ code: 429 });
    // The refused ids were never recorded: each gets its token once the address may have one.
    clock += 60_000;
    await expect(book.issue('d', '10.0.0.1')).rejects.toMatchObject({ code: 429 }); // d got one from 10.0.0.2
    await book.issue('f', '10.0.0.1');
  });

  it('counts one IPv6 /64 as one address', async () => {
    const book = await TokenBook.open(dir, { now, issueLimit: { burst: 1, refillMs: 60_000 } });
    await book.issue('a', '2001:db8:1:2::1');
    await expect(book.issue('b', '2001:db8:1:2:ffff::9')).rejects.toMatchObject({ code: 429 });
    await book.issue('b', '2001:db8:1:3::1');
  });

  it('grants --credits per node user and period: a new client id from the same address brings no new credits', async () => {
    const book = await TokenBook.open(dir, { now, credits: 1 });
    const first = await book.issue('first', '10.0.0.1');
    expect(await book.spendCredit(first)).toBe(true);
    const second = await book.issue('second', '10.0.0.1');
    expect(book.balance(second)).toEqual({ available: 0, frozen: 0, total: 1 });
    expect(await book.spendCredit(second)).toBe(false);
    const elsewhere = await book.issue('third', '10.0.0.2');
    expect(await book.spendCredit(elsewhere)).toBe(true);
    clock += TOKEN_LIFETIME_MS;
    const nextWeek = await book.issue('fourth', '10.0.0.1');
    expect(book.balance(nextWeek).available).toBe(1);
    const reopened = await TokenBook.open(dir, { now, credits: 1 });
    expect(reopened.balance(reopened.authenticate(`Bearer ${nextWeek.token}`)).available).toBe(1);
  });

  it('records a token by appending one line, never rewriting the others; reopening keeps only live ones', async () => {
    const book = await TokenBook.open(dir, { now, issueLimit: { burst: 100, refillMs: 60_000 } });
    const log = join(dir, 'tokens.log');
    const first = await book.issue('first', '10.0.0.1');
    for (let index = 0; index < 40; index++) {
      const before = await readFile(log, 'utf8');
      await book.issue(`client-${index}`, '10.0.0.1');
      const after = await readFile(log, 'utf8');
      expect(after.startsWith(before)).toBe(true);
      expect(after.slice(before.length).trim().split('\n')).toHaveLength(1);
    }
    clock += TOKEN_LIFETIME_MS - 1;
    const late = await book.issue('late', '10.0.0.2');
    clock += 1;
    const reopened = await TokenBook.open(dir, { now });
    expect(() => reopened.authenticate(`Bearer ${first.token}`)).toThrow(expect.objectContaining({ code: 1001 }));
    expect(reopened.authenticate(`Bearer ${late.token}`).clientId).toBe('late');
    expect((await readFile(log, 'utf8')).trim().split('\n')).toHaveLength(2); // late's account and token
  });

  it('survives a line cut short by a crash, and reads the tokens.json of older versions once', async () => {
    await writeFile(join(dir, 'tokens.json'), JSON.stringify({ tokens: [{ token: 't1', userId: 'u_1', clientId: 'OLD', issuedAt: clock, expiresAt: clock + 1000, credits: 3, granted: 5 }] }));
    const book = await TokenBook.open(dir, { now });
    const old = book.authenticate('Bearer t1');
    expect(book.balance(old)).toEqual({ available: 3, frozen: 0, total: 5 });
    await expect(book.issue('old')).rejects.toMatchObject({ code: 429 });
    await writeFile(join(dir, 'tokens.log'), `${await readFile(join(dir, 'tokens.log'), 'utf8')}{"token":{"tok`);
    const reopened = await TokenBook.open(dir, { now });
    expect(reopened.balance(reopened.authenticate('Bearer t1')).available).toBe(3);
  });

  it.each([
    ['127.0.0.1', '127.0.0.1'], ['::ffff:127.0.0.1', '127.0.0.1'], ['2001:db8:1:2::1', '2001:db8:1:2::/64'], ['2001:db8:1:2:ffff::9', '2001:db8:1:2::/64'], ['::1', '0:0:0:0::/64'],
  ])('the node user of %s is %s', (address, user) => expect(nodeUser(address)).toBe(user));

  it.each([undefined, '', 'Bearer', 'Basic abc', 'Bearer nope'])('refuses authorization %o with 1001', async (header) => {
    const book = await TokenBook.open(dir, { now });
    expect(() => book.authenticate(header)).toThrow(expect.objectContaining({ code: 1001, httpStatus: 401 }));
  });
});
