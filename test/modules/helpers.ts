// Helpers for the module tests: boot nodix with our userland and modules/,
// run shell commands inside, read the console and the kernel log.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { boot, type Booted } from '../../core/boot.js';
import { MemoryHost } from '../../core/kernel/host.js';
import { NodeHostFs } from '../../core/host/node.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const binDir = join(root, 'userland', 'bin');
export const modulesDir = join(root, 'modules');
export const haveUserland = existsSync(join(binDir, 'sh')) && existsSync(join(binDir, 'insmod'));
export const MODDIR = '/lib/modules/6.1.0-nodix';

export function moduleSource(name: string): string { return readFileSync(join(modulesDir, name), 'utf8'); }

export interface Machine { m: Booted; host: MemoryHost }

/** Boots with userland/bin and modules/ installed. */
export function bootWithModules(extra: Record<string, string> = {}): Machine {
  const host = new MemoryHost();
  host.fs = new NodeHostFs();
  const files = Object.fromEntries(Object.entries(extra).map(([p, text]) => [p, new TextEncoder().encode(text)]));
  const m = boot({ host, binDir, modulesDir, files, memory: 64 * 1024 * 1024 });
  return { m, host };
}

/** Runs `sh -c script` as uid (default root); returns the exit status, stdout and stderr of this run. */
export async function sh(x: Machine, script: string, uid = 0): Promise<{ status: number; out: string; err: string }> {
  const o = x.host.out.length, e = x.host.err.length;
  const r = await x.m.runProgram('/bin/sh', ['sh', '-c', script], { uid, gid: uid, cwd: '/', envp: ['PATH=/bin:/sbin'] });
  const dec = (parts: Uint8Array[]): string => parts.map((p) => new TextDecoder().decode(p)).join('');
  if ('error' in r) throw new Error(`sh: ${r.error.name}`);
  const status = (r.status & 0x7f) !== 0 ? 128 + (r.status & 0x7f) : (r.status >> 8) & 0xff;
  return { status, out: dec(x.host.out.slice(o)), err: dec(x.host.err.slice(e)) };
}

export const dmesg = (x: Machine): string => x.m.kernel.log.join('\n');
