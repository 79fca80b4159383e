import type { z } from 'zod';

/** A value read by a schema, or the one sentence that says which field is wrong and how. */
export type WireResult<T> = { ok: true; value: T } | { ok: false, problem: string };

/** Reads `value` with `schema`; the first problem becomes one sentence naming the field. */
export function readWire<S extends z.ZodType>(schema: S, value: unknown): WireResult<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const [issue] = result.error.issues;
  return { ok: false, problem: describeIssue(issue, valueAt(value, issue.path)) };
}

/** What was sent at `path` (zod does not keep it in the issue). */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * One issue as a sentence a client's user can act on: the field's path as the JSON names it and
 * what it must be. Never zod's own wording, and never more than a short excerpt of what was sent.
 */
export function describeIssue(issue: z.core.$ZodIssue, sent: unknown): string {
  const field = fieldName(issue.path);
  return `The field "${field}" ${requirement(issue, sent)}.`;
}

function requirement(issue: z.core.$ZodIssue, sent: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return sent === undefined ? 'is missing' : `must be ${article(issue.expected)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'string' || issue.origin === 'set'
        ? `must have at least ${issue.minimum} ${issue.origin === 'string' ? 'characters' : 'entries'}`
        : `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' || issue.origin === 'string' || issue.origin === 'set'
        ? `must have at most ${issue.maximum} ${issue.origin === 'string' ? 'characters' : 'entries'}`
        : `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
    case 'unrecognized_keys':
      return `has a setting this node does not know (${issue.keys.slice(0, 3).map(excerpt).join(', ')})`;
    case 'custom':
      return issue.message;
    default:
      return 'has a value this node does not accept';
  }
}

const ARTICLES: Record<string, string> = { int: 'a whole number', number: 'a number', string: 'text', boolean: 'true or false', object: 'an object', array: 'a list' };

function article(expected: string): string {
  return ARTICLES[expected] ?? `of type ${expected}`;
}

/** `["draft","t",0,"m"]` → `draft.t[0].m`; the root is "body". */
function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'body';
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${excerpt(String(key))}`)).join('');
}

/** A key or value a client chose, short and printable. */
function excerpt(text: string): string {
  const clean = text.replace(/[\p{Cc}\p{Cf}"\\]/gu, '');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
