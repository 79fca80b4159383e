import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * When process `pid` started, as an opaque string: on Linux the kernel's count (clock ticks since
 * boot, field 22 of /proc/<pid>/stat), elsewhere what `ps -o lstart=` prints; undefined when it
 * cannot be read or the process is gone. A pid alone is
 * not an identity: after a restart (a container's, or a long uptime) the same number names
 * another program. pid plus start time does not repeat.
 */
export function processStartTime(pid: number): string | undefined {
  if (process.platform !== 'linux') {
    try {
      return execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
    } catch {
      return undefined;
    }
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19]; // field 22 of the whole line
  } catch {
    return undefined;
  }
}

/**
 * Whether the process that was `pid`, started at `startTime`, is still running. Without a start
 * time (none recorded, or no /proc here) a live pid counts as the same process: the safe answer
 * for whoever would otherwise remove its files.
 */
export function isProcessAlive(pid: number, startTime?: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!startTime) return true;
  const now = processStartTime(pid);
  return now === undefined || now === startTime;
}
