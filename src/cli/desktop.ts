import { spawn } from 'node:child_process';

/**
 * What the studio asks of the desktop around the terminal, kept behind this narrow interface so
 * the studio takes it injected (tests pass one that records what was asked).
 */
export interface Desktop {
  /** Shows a folder in the file manager: false where there is none to show it (no display, no opener). */
  openFolder(dir: string): Promise<boolean>;
  /** Puts text where the user can paste it, and says where that is; never rejects. */
  copy(text: string): Promise<CopyPlace>;
}

/**
 * Where a copy went. `tmux`: tmux's paste buffer (which tmux also hands to the outer terminal's
 * clipboard where its set-clipboard allows). `terminal`: OSC 52 was written, which the terminal
 * may ignore and cannot confirm. `nowhere`: no terminal and no tmux to give it to.
 */
export type CopyPlace = 'tmux' | 'terminal' | 'nowhere';

/** The one line that says where a copied path went, claiming no more than the place can promise. Pure. */
export function copiedWords(place: CopyPlace, path: string): string {
  if (place === 'tmux') return `Copied ${path} to tmux's buffer (prefix ] pastes it)`;
  if (place === 'terminal') return `Asked the terminal to copy ${path} (it does where it allows OSC 52)`;
  return `No clipboard can be reached from here; the path is ${path}`;
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
 * Loads `text` into the paste buffer of the tmux server `env.TMUX` names. `-w` also sends it to
 * the outer terminal's clipboard (tmux 3.2 and later; an older tmux refuses the flag and gets a
 * plain load). Resolves false where tmux cannot be run or refuses, and prints nowhere.
 */
async function tmuxLoad(text: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const load = (args: string[]) =>
    new Promise<boolean>((done) => {
      const child = spawn('tmux', ['load-buffer', ...args, '-'], { env, stdio: ['pipe', 'ignore', 'ignore'] });
      child.once('error', () => done(false));
      child.once('close', (code) => done(code === 0));
      // A tmux that exits before reading breaks the pipe: the exit code answers, not the write.
      child.stdin.once('error', () => {});
      child.stdin.end(text);
    });
  return (await load(['-w'])) || load([]);
}

/**
 * The real desktop: the platform's opener, detached (it outlives nothing of ours and prints
 * nowhere, so Ink's frame is safe). A copy inside tmux goes to its paste buffer: an OSC 52 from
 * a program reaches the outer terminal only with tmux's set-clipboard on, which is off by
 * default. Elsewhere OSC 52 is written to `stream` when it is a terminal (an OSC moves no cursor).
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
    copy: async (text) => {
      if (env.TMUX && (await tmuxLoad(text, env))) return 'tmux';
      if (!(stream as NodeJS.WriteStream).isTTY) return 'nowhere';
      stream.write(osc52(text));
      return 'terminal';
    },
  };
}
