/**
 * Waits until `check` holds, polling; fails with what it waited for (and `context()`, e.g. the
 * screen) after `ms`. For behaviour that arrives asynchronously, never as a timing assertion.
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  options: { ms?: number; everyMs?: number; context?: () => string } = {},
): Promise<void> {
  const end = Date.now() + (options.ms ?? 60_000);
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${options.context ? `:\n${options.context()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 50));
  }
}
