// The Node.js host adapter: console on the process's stdio, clocks from
// process.hrtime and Date, randomness from node:crypto, host files from
// node:fs (synchronous: the kernel never awaits per syscall). The only place
// in core/ besides the CLI that imports node: modules.
import { lstatSync, readFileSync, readdirSync, readlinkSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { randomFillSync } from 'node:crypto';
import { isatty } from 'node:tty';
import { spawnSync } from 'node:child_process';
import type { Host, HostFs, HostStat } from '../kernel/host.js';
import { NodeConfinedFs } from './confined.js';

export class NodeHostFs implements HostFs {
  readonly confined = new NodeConfinedFs();
  stat(path: string): HostStat | null {
    try {
      const l = lstatSync(path);
      const s = l.isSymbolicLink() ? l : statSync(path);
      return { mode: s.mode, size: s.size, mtimeMs: s.mtimeMs, ino: s.ino, isDir: s.isDirectory(), isFile: s.isFile(), isSymlink: l.isSymbolicLink() };
    } catch { return null; }
  }
  readFile(path: string): Uint8Array | null {
    try { const b = readFileSync(path); return new Uint8Array(b.buffer, b.byteOffset, b.byteLength); } catch { return null; }
  }
  readdir(path: string): string[] | null { try { return readdirSync(path); } catch { return null; } }
  writeFile(path: string, data: Uint8Array): boolean { try { writeFileSync(path, data); return true; } catch { return false; } }
  readlink(path: string): string | null { try { return readlinkSync(path); } catch { return null; } }
}

export class NodeHost implements Host {
  readonly fs = new NodeHostFs();
  private onData: ((b: Uint8Array) => void) | null = null;
  private listening = false;

  monotonicNs(): number { return Number(process.hrtime.bigint()); }
  realtimeNs(): number { return Date.now() * 1e6; }

  writeConsole(fd: number, bytes: Uint8Array): void {
    let off = 0;
    while (off < bytes.length) {
      try { off += writeSync(fd, bytes, off, bytes.length - off); } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        return; // EPIPE etc.: the reader went away
      }
    }
  }

  startInput(onData: (b: Uint8Array) => void, onEnd: () => void): void {
    if (this.listening) return;
    this.listening = true;
    this.onData = onData;
    process.stdin.on('data', (b: Buffer) => this.onData?.(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)));
    process.stdin.on('end', onEnd);
    process.stdin.on('error', onEnd);
    process.stdin.resume();
  }

  private raw = false;
  setRawMode(on: boolean): void {
    // `on === this.raw` first: process.stdin is created on first access (a stream, ~1-2 ms), and
    // `nodix run`'s final stopInput() must not pay for it when nothing ever read the terminal.
    if (on === this.raw || !process.stdin.isTTY) return;
    process.stdin.setRawMode(on);
    this.raw = on;
    // libuv's raw mode keeps output post-processing (ONLCR); the guest's line discipline already
    // turns \n into \r\n, so the host must pass bytes through (restored with the saved modes).
    if (on) spawnSync('stty', ['-onlcr'], { stdio: ['inherit', 'ignore', 'ignore'] });
    // Whatever happens, the user's terminal comes back in its normal mode.
    if (on) process.once('exit', () => { if (this.raw) process.stdin.setRawMode(false); });
  }
  windowSize(): { rows: number; cols: number } | null {
    return process.stdout.isTTY ? { rows: process.stdout.rows, cols: process.stdout.columns } : null;
  }
  onResize(cb: (rows: number, cols: number) => void): void {
    if (process.stdout.isTTY) process.stdout.on('resize', () => cb(process.stdout.rows, process.stdout.columns));
  }

  stopInput(): void {
    this.setRawMode(false);
    if (!this.listening) return;
    this.listening = false;
    process.stdin.pause();
    process.stdin.removeAllListeners('data');
    process.stdin.unref?.();
  }

  isTty(fd: number): boolean { return isatty(fd); }
  randomBytes(buf: Uint8Array): void { randomFillSync(buf); }
  yieldTick(): Promise<void> { return new Promise((r) => setImmediate(r)); }
}

/** True when a host path is a readable regular file (for `nodix run PROGRAM`). */
export function isHostFile(path: string): boolean {
  try { return statSync(path).isFile(); } catch { return false; }
}

