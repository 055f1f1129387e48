// Shared helpers for procfs tests: a booted kernel with userland/bin in the
// guest and a process asleep in nanosleep, /proc reads and writes through the
// VFS (procfs/index.ts), and the host's own /proc for layout comparisons.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { boot, type Booted } from '../../core/boot.js';
import { MemoryHost } from '../../core/kernel/host.js';
import { Errno } from '../../core/abi/errno.js';
import { readProcFile, writeProcFile } from '../../procfs/index.js';
import { root } from '../guest/harness.js';

const binDir = join(root, 'userland', 'bin');

/** userland/bin as guest files (/bin/NAME). */
export function userlandFiles(): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  if (!existsSync(binDir)) return files;
  for (const n of readdirSync(binDir)) { try { files[`/bin/${n}`] = readFileSync(join(binDir, n)); } catch { /* a directory */ } }
  return files;
}

export const haveUserland = existsSync(join(binDir, 'sleep'));

/** Boots with userland and starts `sleep 1000`; resolves once it sleeps. */
export async function bootWithSleeper(): Promise<{ b: Booted; host: MemoryHost; pid: number }> {
  const host = new MemoryHost('');
  const b = boot({ host, files: userlandFiles(), deterministic: true });
  const pid = b.spawn('/bin/sleep', ['sleep', '1000'], { envp: ['PATH=/bin', 'HOME=/root'] });
  if (pid instanceof Errno) throw new Error(`spawn sleep: ${pid.name}`);
  await b.kernel.run(() => procText(b, `/proc/${pid}/stat`).includes(') S '));
  return { b, host, pid };
}

/** A /proc file's text (throws on an error, which a test reports). */
export function procText(b: Booted, path: string): string {
  const r = readProcFile(b.kernel, path);
  if (r instanceof Errno) throw new Error(`${path}: ${r.name}`);
  return new TextDecoder().decode(r);
}

export function procBytes(b: Booted, path: string): Uint8Array {
  const r = readProcFile(b.kernel, path);
  if (r instanceof Errno) throw new Error(`${path}: ${r.name}`);
  return r;
}

export function procWrite(b: Booted, path: string, s: string): number | string {
  const r = writeProcFile(b.kernel, path, new TextEncoder().encode(s));
  return r instanceof Errno ? r.name : r;
}

export function procError(b: Booted, path: string): string | null {
  const r = readProcFile(b.kernel, path);
  return r instanceof Errno ? r.name : null;
}

/** The host's own /proc file, or null (not Linux, or not readable). */
export function hostProc(path: string): string | null {
  try { return readFileSync(join('/proc', path), 'utf8'); } catch { return null; }
}

/** "Key:" names of a key-value file in order. */
export const keysOf = (text: string): string[] => text.split('\n').filter((l) => l.includes(':')).map((l) => l.slice(0, l.indexOf(':')));

/** True if every item of `sub` appears in `seq`, in the same order. */
export function inOrder(sub: readonly string[], seq: readonly string[]): string[] {
  const bad: string[] = [];
  let i = 0;
  for (const x of sub) {
    const j = seq.indexOf(x, i);
    if (j < 0) bad.push(x); else i = j + 1;
  }
  return bad;
}
