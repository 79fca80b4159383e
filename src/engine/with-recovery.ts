import { explainError, recoveryFor, type CallKind, type ErrorContext, type Recovery } from './error-policy.js';

/** How the engine carries out each recovery (renew the token, a session, the client id, or wait), given the error. */
export type RecoveryHooks = Record<Exclude<Recovery, 'none'>, (error: unknown) => Promise<void>>;

/**
 * Runs a call, applying the error table: each recovery at most once (so a node that keeps answering
 * 1001 ends in an error, not a loop), then the error turned into words for the user.
 */
export async function withRecovery<T>(call: CallKind, run: () => Promise<T>, hooks: RecoveryHooks, context: () => ErrorContext): Promise<T> {
  const used = new Set<Recovery>();
  for (;;) {
    try {
      return await run();
    } catch (error) {
      const recovery = recoveryFor(error, call);
      if (recovery === 'none' || used.has(recovery)) throw explainError(error, context());
      used.add(recovery);
      await hooks[recovery](error);
    }
  }
}
