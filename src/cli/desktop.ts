import { spawn } from 'node:child_process';

/**
 * What the studio asks of the desktop around the terminal, kept behind this narrow interface so
 * the studio takes it injected (tests pass one that records what was asked).
 */
export interface Desktop {
  /** Shows a folder in the file manager: false where there is none to show it (no display, no opener). */
  openFolder(dir: string): Promise<boolean>;
  /** Puts text on the clipboard of the terminal the user sits at (over SSH too). */
  copy(text: string): void;
}

/**
 * OSC 52: the terminal itself sets its clipboard, so a copy made on a remote machine lands on the
 * user's one (iTerm2, kitty, WezTerm, Windows Terminal, xterm with it allowed, tmux with
 * set-clipboard). BEL ends it, which more terminals accept than ST. Pure.
 */
export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

/**
 * The opener for this platform, or undefined where no file manager can be reached: Linux (and
 * the BSDs) over SSH has no DISPLAY or WAYLAND_DISPLAY, and xdg-open there would fail or open a
 * text browser in the terminal. Pure.
 */
export function folderOpener(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string | undefined {
  if (platform === 'darwin') return 'open';
  if (platform === 'win32') return 'explorer';
  return env.DISPLAY || env.WAYLAND_DISPLAY ? 'xdg-open' : undefined;
}

/**
 * The real desktop: the platform's opener, detached (it outlives nothing of ours and prints
 * nowhere, so Ink's frame is safe), and OSC 52 written to `stream` (an OSC moves no cursor).
 */
export function systemDesktop(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Desktop {
  return {
    openFolder: (dir) =>
      new Promise((done) => {
        const opener = folderOpener(platform, env);
        if (!opener) return done(false);
        const child = spawn(opener, [dir], { detached: true, stdio: 'ignore' });
        child.once('error', () => done(false));
        child.once('spawn', () => {
          child.unref();
          done(true);
        });
      }),
    copy: (text) => void stream.write(osc52(text)),
  };
}
