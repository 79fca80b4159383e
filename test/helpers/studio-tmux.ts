import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { until } from './until.js';

// The built studio in a real terminal (tmux), the way a person over SSH uses it.

/** True where tmux is installed; the terminal tests skip without it. */
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** The built binary the terminal tests run (`npm run build`, or the suite's global setup, makes it). */
export const studioBin = resolve('bin/compressor-studio.js');

/** One studio in one tmux session: what it shows, and keys sent to it. */
export type StudioPane = {
  /** The visible screen only. */
  view(): string;
  /** The visible screen and its scrollback: a long reply may have scrolled the first lines off. */
  all(): string;
  /** Lines (scrollback included) that tmux had to wrap: wider than the terminal when drawn. */
  wrapped(): string[];
  /** Types text as it is, key by key (tmux's `send-keys -l`). */
  type(text: string): void;
  /** Presses named keys (`Enter`, `C-e`, `BSpace`, …). */
  press(...keys: string[]): void;
  /** Waits until `check` holds, failing with the whole screen after `ms` (default 60 s). */
  shows(check: () => boolean, what: string, ms?: number): Promise<void>;
};

/** How to start a studio: its environment (an isolatedEnv), its arguments, its terminal size and folder. */
export type StudioStart = { env: NodeJS.ProcessEnv; args?: string[]; columns?: number; rows?: number; cwd?: string };

/**
 * A tmux server of the test file's own (`-L socket`), so nothing touches the user's sessions and
 * `kill()` ends every studio it started. `tmux` runs any other tmux command on it.
 */
export function tmuxServer(socket = `cs-e2e-${process.pid}`) {
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  return {
    tmux,
    /**
     * Starts the studio in a detached session without colour. When it exits the pane prints
     * "STUDIO-EXITED <code>" and stays open, so a test can read how it ended.
     */
    start(session: string, { env, args = [], columns = 80, rows = 24, cwd }: StudioStart): StudioPane {
      const assignments = Object.entries({ ...env, NO_COLOR: '1' })
        .filter(([k]) => k.startsWith('COMPRESSOR_') || k === 'NO_COLOR' || k.startsWith('NEMO_'))
        .map(([k, v]) => `${k}='${v}'`)
        .join(' ');
      const where = cwd === undefined ? [] : ['-c', cwd];
      // A person's terminal, not CI's: under CI=true Ink (and so the studio) draws only plain lines.
      tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), ...where, `env -u CI -u CONTINUOUS_INTEGRATION ${assignments} node ${studioBin} ${args.join(' ')}; echo STUDIO-EXITED $?; sleep 60`);
      const all = () => tmux('capture-pane', '-p', '-S', '-1000', '-t', session);
      return {
        view: () => tmux('capture-pane', '-p', '-t', session),
        all,
        wrapped: () => {
          // -J joins the lines tmux wrapped; a line Ink ended itself stays as it was. A line that
          // changed between the captures (a progress bar moving on) is not wrapped: the joined
          // capture is taken between two plain ones, and a line in either counts as drawn.
          const lines = (text: string) => text.split('\n').map((line) => line.trimEnd());
          const before = all();
          const joined = tmux('capture-pane', '-p', '-J', '-S', '-1000', '-t', session);
          const drawn = new Set([...lines(before), ...lines(all())]);
          return lines(joined).filter((line) => !drawn.has(line));
        },
        type: (text) => void tmux('send-keys', '-t', session, '-l', text),
        press: (...keys) => void tmux('send-keys', '-t', session, ...keys),
        shows: (check, what, ms) => until(check, what, { ms, everyMs: 200, context: all }),
      };
    },
    kill: () => void spawnSync('tmux', ['-L', socket, 'kill-server']),
  };
}
