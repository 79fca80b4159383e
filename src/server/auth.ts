import { join } from 'node:path';
import { ApiFailure } from './api-failure.js';
import { newToken, opaqueId } from './ids.js';
import { JsonFile } from './persist.js';

/** How long an anonymous token lives, and how long a client id waits for its next one (the brief: 7 days). */
export const TOKEN_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** Seconds a rate-limited client is told to wait before it retries. */
export const RETRY_AFTER_SECONDS = 30;

/** What is stored for each anonymous token. */
export type TokenRecord = {
  token: string;
  userId: string;
  clientId: string;
  issuedAt: number;
  expiresAt: number;
  /** Credits left, or null when this node does not count them. */
  credits: number | null;
  /** Credits the token started with (the balance's `total`). */
  granted: number | null;
};

type TokensFile = { tokens: TokenRecord[] };

/** Credits reported when the node does not count them: a number, so strict clients still parse it. */
export const UNLIMITED_CREDITS = 1e9;

/**
 * The anonymous tokens this node issued, persisted in the data folder. A client id gets one token
 * per 7 days (a second ask is 429); a token older than 7 days is refused like an unknown one (1001).
 */
export class TokenBook {
  private readonly byToken = new Map<string, TokenRecord>();
  private readonly file: JsonFile<TokensFile>;

  private constructor(
    dataDir: string,
    private readonly options: { now: () => number; credits?: number },
  ) {
    this.file = new JsonFile(join(dataDir, 'tokens.json'));
  }

  /** The users with a token that still works: whatever belongs to anyone else can never be reached again. */
  liveUsers(): Set<string> {
    const now = this.options.now();
    return new Set([...this.byToken.values()].filter((record) => record.expiresAt > now).map((record) => record.userId));
  }

  /** Loads the tokens saved in `dataDir`, dropping the expired ones. */
  static async open(dataDir: string, options: { now: () => number; credits?: number }): Promise<TokenBook> {
    const book = new TokenBook(dataDir, options);
    const saved = await book.file.load();
    for (const record of saved?.tokens ?? []) {
      if (record.expiresAt > options.now()) book.byToken.set(record.token, record);
    }
    return book;
  }

  /** Issues a token for `clientId` (the X-Client-Id header). */
  async issue(clientId: string | undefined): Promise<TokenRecord> {
    const id = clientId?.trim();
    if (!id) throw new ApiFailure(400, 'The X-Client-Id header is missing.', { hint: 'Send a random UUID as X-Client-Id.' });
    if (id.length > 200) throw new ApiFailure(400, 'The X-Client-Id header is too long.');
    const now = this.options.now();
    const live = [...this.byToken.values()].find((record) => record.clientId === id && record.expiresAt > now);
    if (live) {
      throw new ApiFailure(429, 'This client id already has a token from the last 7 days.', {
        hint: 'Reuse that token, or wait and retry.',
        headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
      });
    }
    const credits = this.options.credits ?? null;
    const record: TokenRecord = {
      token: newToken(),
      userId: opaqueId('u'),
      clientId: id,
      issuedAt: now,
      expiresAt: now + TOKEN_LIFETIME_MS,
      credits,
      granted: credits,
    };
    this.byToken.set(record.token, record);
    try {
      await this.save();
    } catch (error) {
      // A token the node could not record was never issued: the client id may ask again.
      this.byToken.delete(record.token);
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

  /** Takes one credit for an agent turn; false (and nothing taken) when none are left. */
  async spendCredit(record: TokenRecord): Promise<boolean> {
    if (record.credits === null) return true;
    if (record.credits <= 0) return false;
    record.credits -= 1;
    try {
      await this.save();
    } catch (error) {
      record.credits += 1;
      throw error;
    }
    return true;
  }

  /** Gives back a credit spent on a turn that was then refused (best effort: the refusal is what the client hears). */
  async refundCredit(record: TokenRecord): Promise<void> {
    if (record.credits === null) return;
    record.credits += 1;
    await this.save().catch(() => undefined);
  }

  /** The `/api/credits/balance/simple` answer for a token. */
  balance(record: TokenRecord): { available: number; frozen: number; total: number; unlimited?: true } {
    if (record.credits === null) return { available: UNLIMITED_CREDITS, frozen: 0, total: UNLIMITED_CREDITS, unlimited: true };
    return { available: record.credits, frozen: 0, total: record.granted ?? record.credits };
  }

  private save(): Promise<void> {
    return this.file.save(() => ({ tokens: [...this.byToken.values()] }));
  }
}
