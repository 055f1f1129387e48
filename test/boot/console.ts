// A scripted host console for in-process boots: a terminal (or a pipe) whose
// keystrokes the test types and whose screen it reads, expect-style. Host files
// come from the real filesystem (userland/bin is read at boot).
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeHostFs } from '../../core/host/node.js';
import type { Host } from '../../core/kernel/host.js';
import { boot, type Booted, type PowerOff } from '../../core/boot.js';
import type { Errno } from '../../core/abi/errno.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const userlandBin = join(root, 'userland', 'bin');

export class ScriptedConsole implements Host {
  readonly fs = new NodeHostFs();
  private screen = '';
  /** Where the next expect() starts looking. */
  private mark = 0;
  private onData: ((b: Uint8Array) => void) | null = null;
  private onEnd: (() => void) | null = null;
  private pending: Uint8Array[] = [];
  rawMode = false;
  resizeCb: ((rows: number, cols: number) => void) | null = null;
  constructor(readonly tty = true, private readonly size = { rows: 24, cols: 80 }) {}

  monotonicNs(): number { return Math.round(performance.now() * 1e6); }
  realtimeNs(): number { return Date.now() * 1e6; }
  writeConsole(_fd: number, bytes: Uint8Array): void { this.screen += new TextDecoder().decode(bytes); }
  startInput(onData: (b: Uint8Array) => void, onEnd: () => void): void {
    this.onData = onData; this.onEnd = onEnd;
    for (const b of this.pending.splice(0)) onData(b);
    if (this.ended) onEnd();
  }
  stopInput(): void { this.onData = null; }
  isTty(): boolean { return this.tty; }
  setRawMode(on: boolean): void { this.rawMode = on; }
  windowSize(): { rows: number; cols: number } { return this.size; }
  onResize(cb: (rows: number, cols: number) => void): void { this.resizeCb = cb; }
  randomBytes(buf: Uint8Array): void { for (let i = 0; i < buf.length; i++) buf[i] = (Math.random() * 256) | 0; }
  yieldTick(): Promise<void> { return new Promise((r) => setImmediate(r)); }

  /** Types keys (a string with control characters and escape sequences). */
  type(keys: string): void {
    const b = new TextEncoder().encode(keys);
    if (this.onData !== null) this.onData(b); else this.pending.push(b);
  }
  /** End of input (a pipe's EOF, or the terminal hanging up). */
  end(): void { if (this.onEnd !== null) this.onEnd(); else this.ended = true; }
  private ended = false;
  /** Everything written so far. */
  get output(): string { return this.screen; }

  /** Waits until the output since the last match matches `rx`; returns the matched text. */
  async expect(rx: RegExp, timeoutMs = 120_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const tail = this.screen.slice(this.mark);
      const m = rx.exec(tail);
      if (m !== null) { this.mark += m.index + m[0].length; return tail.slice(0, m.index + m[0].length); }
      if (Date.now() > until) throw new Error(`timed out waiting for ${rx} in:\n${JSON.stringify(tail.slice(-2000))}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

export interface Session { host: ScriptedConsole; k: Booted; done: Promise<PowerOff | { error: Errno }> }

/** Boots the userland image on a scripted console and starts init (with user=NAME for `user`). */
export function bootSession(o: { user?: string; tty?: boolean; input?: string } = {}): Session {
  const host = new ScriptedConsole(o.tty ?? true);
  if (o.input !== undefined) host.type(o.input);
  const k = boot({ host, binDir: userlandBin });
  const done = k.startInit({ args: ['once', ...(o.user !== undefined ? [`user=${o.user}`] : [])], envp: ['TERM=vt100'] });
  if (o.input !== undefined && !(o.tty ?? true)) host.end();
  return { host, k, done };
}
