import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * `path` (absolute, or relative to `folder`) resolved, when it lies strictly inside `folder`.
 * Every path the node writes or removes passes here first: the names are built from ids and
 * checked enums, so this never fails unless a bug (or an attack that got past the wire's checks)
 * would touch a file outside the node's data folder; then nothing is done and the request is a 500.
 */
export function insideFolder(folder: string, path: string): string {
  const target = resolve(folder, path);
  const rel = relative(resolve(folder), target);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new Error(`Refused to touch ${target}: it is not inside ${folder}.`);
  }
  return target;
}
