/**
 * Colour through meaning, never literal names in components. `NO_COLOR` (any non-empty value,
 * per no-color.org) selects the plain theme: Ink's chalk does not do that by itself.
 */
export type Theme = {
  text: { primary?: string; dim?: string; accent?: string; user?: string };
  status: { ok?: string; error?: string; warning?: string; working?: string };
  border?: string;
  /** Whether `dimColor` and bold may be used (the plain theme keeps the text as is). */
  styled: boolean;
};

const colourful: Theme = {
  text: { primary: undefined, dim: 'gray', accent: 'cyan', user: 'magenta' },
  status: { ok: 'green', error: 'red', warning: 'yellow', working: 'cyan' },
  border: 'gray',
  styled: true,
};

const plain: Theme = { text: {}, status: {}, border: undefined, styled: false };

/** The theme for this environment. */
export function themeFor(env: NodeJS.ProcessEnv): Theme {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== '' ? plain : colourful;
}
