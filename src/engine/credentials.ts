import type { Store } from '../store/types.js';
import type { Connection } from './api/connection.js';
import type { TokenGrant } from './api/types.js';
import type { EngineEvents } from './engine-events.js';

type AuthEvent = EngineEvents['auth'][0];

/** What Credentials needs: where the token goes, where it is kept, and how to ask for a new one. */
export type CredentialsDeps = {
  connection: Connection;
  store: Store;
  storeKey: string;
  env: NodeJS.ProcessEnv;
  /** The anonymous-token call for this node's stored client id, already under the error table. */
  requestToken: () => Promise<TokenGrant>;
  announce: (status: AuthEvent['status'], source?: AuthEvent['source']) => void;
};

/**
 * The engine's bearer token (the brief's first connection): NEMO_TOKEN if set, else the stored
 * one while it is valid, else an anonymous token for the stored client id. Concurrent callers
 * share one request (two at once would meet the node's one-token-per-client-id rule).
 */
export class Credentials {
  private ready?: Promise<void>;
  private renewal?: Promise<void>;

  constructor(private readonly deps: CredentialsDeps) {}

  /** Makes sure the connection carries a token. */
  ensure(): Promise<void> {
    this.ready ??= this.obtain().catch((error) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  /**
   * Replaces a token the node refused (1001), unless another call already did. The refused token
   * may still count as live for its client id (one token per client id per 7 days), so asking
   * again under the same id would only meet 429: a refused token means a new client id.
   */
  renew(refused: string | undefined): Promise<void> {
    if (this.deps.connection.token !== refused) return Promise.resolve();
    this.renewal ??= (async () => {
      this.deps.store.clearToken(this.deps.storeKey);
      this.deps.store.renewClientId(this.deps.storeKey);
      this.deps.announce('setting-up');
      await this.anonymous();
      this.deps.announce('ready', 'anonymous');
    })().finally(() => (this.renewal = undefined));
    return this.renewal;
  }

  private async obtain(): Promise<void> {
    const { connection, store, storeKey, env } = this.deps;
    this.deps.announce('setting-up');
    const stored = store.token(storeKey);
    if (env.NEMO_TOKEN) {
      connection.token = env.NEMO_TOKEN;
      this.deps.announce('ready', 'environment');
    } else if (stored && !(stored.expiresAt && Date.parse(stored.expiresAt) <= Date.now())) {
      connection.token = stored.token;
      this.deps.announce('ready', 'stored');
    } else {
      await this.anonymous();
      this.deps.announce('ready', 'anonymous');
    }
  }

  private async anonymous(): Promise<void> {
    const grant = await this.deps.requestToken();
    this.deps.connection.token = grant.token;
    this.deps.store.saveToken(this.deps.storeKey, { token: grant.token, expiresAt: grant.expiresAt });
  }
}
