// `nodix run [--mount HOST:GUEST[:ro]]... [--cwd DIR] [--env K=V]... [--memory SIZE] PROGRAM [ARGS...]`:
// boots a kernel, runs PROGRAM with stdio bridged to this process, and exits
// with its status (128+N when killed by signal N). PROGRAM is a guest path
// when the guest has that file (`nodix run /bin/true` runs the userland's true,
// not the host's), otherwise a host file, which is made visible inside the
// guest at its absolute host path so /proc/self/exe and re-executing it work.
import { resolve } from 'node:path';
import { boot, shellStatus } from '../boot.js';
import { NodeHost, isHostFile } from '../host/node.js';
import { Errno } from '../abi/errno.js';
import { S_IFMT, S_IFREG } from '../abi/linux.js';
import { Inode } from '../kernel/fs/bootfs.js';
import { userlandBin } from './paths.js';

const USAGE = 'usage: nodix run [--mount HOST:GUEST[:ro]]... [--cwd DIR] [--env K=V]... [--memory SIZE] [--deterministic] [--no-aslr] PROGRAM [ARGS...]';

/** Parses 256M, 1G, 65536K or plain bytes. */
export function parseSize(s: string): number | null {
  const m = /^(\d+)([kKmMgG]?)(i?[bB])?$/.exec(s);
  if (m === null) return null;
  const mul = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  const n = Number(m[1]) * mul;
  return n >= 16 * 1024 * 1024 && n <= 4 * 1024 ** 3 ? Math.floor(n / 4096) * 4096 : null;
}

export async function main(argv: string[]): Promise<number> {
  const mounts: { host: string; guest: string; rw: boolean }[] = [];
  const env: string[] = [];
  let cwd: string | undefined;
  let memory: number | undefined;
  let deterministic = false;
  let aslr: boolean | undefined;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) break;
    if (a === '--') { i++; break; }
    const val = () => argv[++i];
    if (a === '--mount') {
      const v = val();
      const parts = v?.split(':') ?? [];
      if (parts.length < 2 || parts.length > 3 || (parts[2] !== undefined && parts[2] !== 'ro' && parts[2] !== 'rw')) {
        console.error(`nodix run: bad --mount '${v}'\n${USAGE}`); return 2;
      }
      mounts.push({ host: resolve(parts[0]), guest: parts[1], rw: parts[2] !== 'ro' });
    } else if (a === '--cwd') cwd = val();
    else if (a === '--env') { const v = val(); if (v === undefined || !v.includes('=')) { console.error(`nodix run: bad --env\n${USAGE}`); return 2; } env.push(v); }
    else if (a === '--memory') {
      const m = parseSize(val() ?? '');
      if (m === null) { console.error(`nodix run: bad --memory (16M..4G)\n${USAGE}`); return 2; }
      memory = m;
    } else if (a === '--deterministic') deterministic = true;
    else if (a === '--no-aslr') aslr = false;
    else if (a === '-h' || a === '--help') { console.log(USAGE); return 0; }
    else { console.error(`nodix run: unknown option ${a}\n${USAGE}`); return 2; }
  }
  const program = argv[i];
  if (program === undefined) { console.error(USAGE); return 2; }
  const args = argv.slice(i + 1);
  const host = new NodeHost();
  // The mounts come after the host program's file, in boot()'s order (image, files, mounts).
  const k = boot({ host, memory, deterministic, aslr, binDir: userlandBin() });
  const rootfs = k.kernel.rootfs;
  let guestPath = program;
  if (!(program.startsWith('/') && isGuestFile(rootfs.lookup(program))) && isHostFile(program)) {
    guestPath = resolve(program);
    const b = host.fs.readFile(guestPath);
    if (b !== null) rootfs.addFile(guestPath, b, 0o755);
  }
  for (const m of mounts) rootfs.mountHost(m.host, m.guest, m.rw);
  const envp = ['PATH=/usr/local/bin:/usr/bin:/bin', 'HOME=/root', ...env];
  if (cwd !== undefined) rootfs.mkdirp(cwd);
  const pid = k.spawn(guestPath, [program, ...args], { cwd, envp });
  if (pid instanceof Errno) {
    console.error(`nodix run: ${program}: ${describe(pid)}`);
    return pid.name === 'ENOENT' ? 127 : 126;
  }
  let status: number;
  try {
    status = await k.wait(pid);
  } catch (e) {
    // Every task sleeps and nothing (timer, console input) can wake one: Linux would hang forever.
    console.error(`nodix run: ${(e as Error).message}: every task is blocked and nothing can wake them`);
    for (const l of k.kernel.log) console.error(l);
    return 125;
  } finally { host.stopInput(); }
  if (process.env.NODIX_DMESG) for (const l of k.kernel.log) console.error(l);
  return shellStatus(status);
}

/** A regular file of the guest's boot image (not a directory, device or error). */
function isGuestFile(ino: Inode | Errno): boolean { return ino instanceof Inode && (ino.mode & S_IFMT) === S_IFREG; }

function describe(e: Errno): string {
  switch (e.name) {
    case 'ENOENT': return 'No such file or directory';
    case 'EACCES': return 'Permission denied';
    case 'ENOEXEC': return 'Exec format error';
    case 'E2BIG': return 'Argument list too long';
    default: return e.name;
  }
}
