import { rm } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { ApiFailure } from './api-failure.js';
import { newToken, opaqueId } from './ids.js';
import { JsonLog } from './json-log.js';
import { readJsonFile } from './persist.js';
import { ipv6Groups } from './url-guard.js';

/** How long an anonymous token lives, how long a client id waits for its next one, and a credit grant's period (the brief: 7 days). */
export const TOKEN_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** Tokens one address may get at once, and how often it earns one more. */
export type IssueLimit = { burst: number; refillMs: number };

/** A burst of 30 tokens per address, then one a minute: plenty for people, little for a script minting client ids. */
export const DEFAULT_ISSUE_LIMIT: IssueLimit = { burst: 30, refillMs: 60_000 };

/** What is stored for each anonymous token. */
export type TokenRecord = {
  token: string;
  userId: string;
  /** The X-Client-Id, lower-cased. */
  clientId: string;
  /** The node user whose credits it spends: the address it was issued to. */
  account: string;
  issuedAt: number;
  expiresAt: number;
};

/** A node user's credits for one 7-day period, shared by every token issued to that user. */
type Account = {
  id: string;
  /** Credits left, or null when this node does not count them. */
  credits: number | null;
  /** Credits granted for the period (the balance's `total`). */
  granted: number | null;
  since: number;
};

/** One line of the token log: a token issued, or an account's new state (the last line wins). */
type LogEntry = { token: TokenRecord } | { account: Account };

/** Credits reported when the node does not count them: a number, so strict clients still parse it. */
export const UNLIMITED_CREDITS = 1e9;

/**
 * The anonymous tokens this node issued, persisted in the data folder as an append-only log. A
 * client id gets one token per 7 days; an address gets a limited number (a token bucket), so
 * new client ids cannot mint tokens without end; and `credits` are granted per node user (per
 * address, IPv6 by /64) and period, so a new client id does not bring new credits. A token older
 * than 7 days is refused like an unknown one (1001).
 */
export class TokenBook {
  private readonly byToken = new Map<string, TokenRecord>();
  private readonly byClient = new Map<string, TokenRecord>();
  private readonly accounts = new Map<string, Account>();
  private readonly buckets = new Map<string, { left: number; at: number }>();
  private readonly log: JsonLog<LogEntry>;
  private readonly limit: IssueLimit;

  private constructor(
    dataDir: string,
    private readonly options: { now: () => number; credits?: number; issueLimit?: IssueLimit },
  ) {
    this.limit = options.issueLimit ?? DEFAULT_ISSUE_LIMIT;
    this.log = new JsonLog(join(dataDir, 'tokens.log'), () => this.liveEntries());
  }

  /** Loads the tokens saved in `dataDir`, dropping the expired ones (and the file of older versions). */
  static async open(dataDir: string, options: { now: () => number; credits?: number; issueLimit?: IssueLimit }): Promise<TokenBook> {
    const book = new TokenBook(dataDir, options);
    const legacyFile = join(dataDir, 'tokens.json');
    const legacy = await readJsonFile<{ tokens: Array<TokenRecord & { credits: number | null; granted: number | null }> }>(legacyFile);
    for (const { credits, granted, ...record } of legacy?.tokens ?? []) {
      const account = `user:${record.userId}`;
      book.remember({ token: { ...record, account } });
      book.remember({ account: { id: account, credits, granted, since: record.issuedAt } });
    }
    for (const entry of await book.log.load()) book.remember(entry);
    await book.log.compact();
    await rm(legacyFile, { force: true });
    return book;
  }

  /** The users with a token that still works: whatever belongs to anyone else can never be reached again. */
  liveUsers(): Set<string> {
    const now = this.options.now();
    return new Set([...this.byToken.values()].filter((record) => record.expiresAt > now).map((record) => record.userId));
  }

  /**
   * Issues a token for `clientId` (the X-Client-Id header) asked for from `address`. Nothing is
   * recorded unless the answer is a token: a refused or failed issue leaves no trace.
   */
  async issue(clientId: string | undefined, address = 'unknown'): Promise<TokenRecord> {
    const id = clientId?.trim().toLowerCase();
    if (!id) throw new ApiFailure(400, 'The X-Client-Id header is missing.', { hint: 'Send a random UUID as X-Client-Id.' });
    if (id.length > 200) throw new ApiFailure(400, 'The X-Client-Id header is too long.');
    const now = this.options.now();
    const live = this.byClient.get(id);
    if (live && live.expiresAt > now) {
      throw rateLimited('This client id already has a token from the last 7 days.', 'Reuse that token, or use a new client id.', live.expiresAt - now);
    }
    const user = nodeUser(address);
    const bucket = this.takeFromBucket(user, now);
    const before = this.accounts.get(user);
    const account = before && before.since + TOKEN_LIFETIME_MS > now ? before : this.grant(user, now);
    const record: TokenRecord = { token: newToken(), userId: opaqueId('u'), clientId: id, account: user, issuedAt: now, expiresAt: now + TOKEN_LIFETIME_MS };
    this.remember({ token: record });
    try {
      await this.log.append({ token: record }, ...(account === before ? [] : [{ account }]));
    } catch (error) {
      this.byToken.delete(record.token);
      if (live) this.byClient.set(id, live);
      else this.byClient.delete(id);
      if (before) this.accounts.set(user, before);
      else this.accounts.delete(user);
      bucket.left += 1;
      throw error;
    }
    return record;
  }

  /** The token record for an `Authorization: Bearer …` header; 1001 when unknown or expired. */
  authenticate(authorization: string | undefined): TokenRecord {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const record = match ? this.byToken.get(match[1]) : undefined;
    if (!record || record.expiresAt <= this.options.now()) {
      throw new ApiFailure(1001, 'The token is missing, unknown or expired.', { hint: 'Get a new one from /api/auth/anonymous-token.' });
    }
    return record;
  }

  /** Takes one credit of the token's user for an agent turn; false (and nothing taken) when none are left. */
  async spendCredit(record: TokenRecord): Promise<boolean> {
    const account = this.accountOf(record);
    if (account.credits === null) return true;
    if (account.credits <= 0) return false;
    account.credits -= 1;
    try {
      await this.log.append({ account });
    } catch (error) {
      account.credits += 1;
      throw error;
    }
    return true;
  }

  /** Gives back a credit spent on a turn that was then refused (best effort: the refusal is what the client hears). */
  async refundCredit(record: TokenRecord): Promise<void> {
    const account = this.accountOf(record);
    if (account.credits === null) return;
    account.credits += 1;
    await this.log.append({ account }).catch(() => undefined);
  }

  /** The `/api/credits/balance/simple` answer for a token. */
  balance(record: TokenRecord): { available: number; frozen: number; total: number; unlimited?: true } {
    const account = this.accountOf(record);
    if (account.credits === null) return { available: UNLIMITED_CREDITS, frozen: 0, total: UNLIMITED_CREDITS, unlimited: true };
    return { available: account.credits, frozen: 0, total: account.granted ?? account.credits };
  }

  private accountOf(record: TokenRecord): Account {
    // Every token's account is recorded with it; a grant is only the fallback for a hand-edited log.
    return this.accounts.get(record.account) ?? this.grant(record.account, record.issuedAt);
  }

  private grant(id: string, now: number): Account {
    const credits = this.options.credits ?? null;
    const account = { id, credits, granted: credits, since: now };
    this.accounts.set(id, account);
    return account;
  }

  /** Takes one token from the address's bucket, or refuses with 429 and when one will be there. */
  private takeFromBucket(user: string, now: number): { left: number; at: number } {
    const { burst, refillMs } = this.limit;
    const bucket = this.buckets.get(user) ?? { left: burst, at: now };
    const earned = Math.floor((now - bucket.at) / refillMs);
    if (earned > 0) {
      bucket.left = Math.min(burst, bucket.left + earned);
      bucket.at = bucket.left === burst ? now : bucket.at + earned * refillMs;
    }
    if (bucket.left <= 0) {
      throw rateLimited('Too many tokens were asked for from this address.', 'Reuse the token you have, or wait and retry.', bucket.at + refillMs - now);
    }
    bucket.left -= 1;
    this.buckets.set(user, bucket);
    if (this.buckets.size > 10_000) this.forgetFullBuckets(now);
    return bucket;
  }

  private forgetFullBuckets(now: number): void {
    for (const [user, bucket] of this.buckets) {
      if (bucket.left + Math.floor((now - bucket.at) / this.limit.refillMs) >= this.limit.burst) this.buckets.delete(user);
    }
  }

  private remember(entry: LogEntry): void {
    if ('account' in entry) {
      this.accounts.set(entry.account.id, entry.account);
      return;
    }
    const record = { ...entry.token, clientId: entry.token.clientId.toLowerCase() };
    if (record.expiresAt <= this.options.now()) return;
    this.byToken.set(record.token, record);
    this.byClient.set(record.clientId, record);
  }

  /** What a compacted log holds: live tokens, and the accounts in their period or still used by one. */
  private liveEntries(): LogEntry[] {
    const now = this.options.now();
    const tokens = [...this.byToken.values()].filter((record) => record.expiresAt > now);
    const used = new Set(tokens.map((record) => record.account));
    const accounts = [...this.accounts.values()].filter((account) => used.has(account.id) || account.since + TOKEN_LIFETIME_MS > now);
    return [...accounts.map((account) => ({ account })), ...tokens.map((token) => ({ token }))];
  }
}

function rateLimited(message: string, hint: string, waitMs: number): ApiFailure {
  return new ApiFailure(429, message, { hint, headers: { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) } });
}

/**
 * Who a request comes from, as far as the node can tell: its address, an IPv4 address inside
 * IPv6 as itself, and IPv6 by /64 (one home or host gets a whole /64 to pick addresses from). Pure.
 */
export function nodeUser(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIP(address) !== 6) return address;
  const prefix = ipv6Groups(address.replace(/%.*$/, '')).slice(0, 4);
  return `${prefix.map((group) => group.toString(16)).join(':')}::/64`;
}
