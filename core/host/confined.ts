// Host-side confinement for hostfs (`--mount HOST:GUEST`): every operation
// walks from the mount's root directory one component at a time, opening
// each directory with O_DIRECTORY|O_NOFOLLOW relative to the previous one
// (through /proc/self/fd/N/name, Linux's openat without native bindings), so
// neither '..', nor a symlink planted on the host, nor a component swapped
// for a symlink between two calls can lead outside the root. The last
// component is acted on through the same directory fd, never followed.
import {
  closeSync, constants, fstatSync, fsyncSync, ftruncateSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync,
  readdirSync, readlinkSync, renameSync, rmdirSync, symlinkSync, unlinkSync, writeSync, fchmodSync, existsSync,
} from 'node:fs';
import type { ConfinedHostFs, HostStat } from '../kernel/host.js';

const { O_RDONLY, O_DIRECTORY, O_NOFOLLOW, O_WRONLY, O_CREAT, O_EXCL, O_TRUNC } = constants;
const procFd = existsSync('/proc/self/fd');

const ERRNO: Record<string, number> = {
  EPERM: 1, ENOENT: 2, EIO: 5, EBADF: 9, EACCES: 13, EBUSY: 16, EEXIST: 17, EXDEV: 18, ENOTDIR: 20, EISDIR: 21, EINVAL: 22,
  ENOSPC: 28, EROFS: 30, EMLINK: 31, ENAMETOOLONG: 36, ENOTEMPTY: 39, ELOOP: 40,
};
const errnoOf = (e: unknown): number => ERRNO[(e as NodeJS.ErrnoException).code ?? ''] ?? 5;

function validName(n: string): boolean { return n.length > 0 && n.length <= 255 && n !== '.' && n !== '..' && !n.includes('/') && !n.includes('\0'); }

/** Opens root/rel[0..] as a directory fd, component by component, never following symlinks. */
function openDir(root: string, rel: string[]): number {
  let fd = openSync(root, O_RDONLY | O_DIRECTORY);
  try {
    for (const c of rel) {
      if (!validName(c)) throw Object.assign(new Error('bad name'), { code: 'EACCES' });
      const next = procFd ? openSync(`/proc/self/fd/${fd}/${c}`, O_RDONLY | O_DIRECTORY | O_NOFOLLOW) : -1;
      if (next < 0) throw Object.assign(new Error('no /proc/self/fd'), { code: 'EACCES' });
      closeSync(fd);
      fd = next;
    }
    return fd;
  } catch (e) { closeSync(fd); throw e; }
}

/** Runs fn with the parent directory's fd path and the (validated) last name. */
function at<T>(root: string, rel: string[], fn: (p: string) => T): T | number {
  if (rel.length === 0) {
    try { const fd = openDir(root, []); try { return fn(`/proc/self/fd/${fd}/.`); } finally { closeSync(fd); } } catch (e) { return errnoOf(e); }
  }
  const name = rel[rel.length - 1];
  if (!validName(name)) return 13;
  let fd = -1;
  try {
    fd = openDir(root, rel.slice(0, -1));
    return fn(`/proc/self/fd/${fd}/${name}`);
  } catch (e) { return errnoOf(e); } finally { if (fd >= 0) closeSync(fd); }
}

function toStat(s: import('node:fs').Stats): HostStat {
  return { mode: s.mode, size: s.size, mtimeMs: s.mtimeMs, ino: s.ino, isDir: s.isDirectory(), isFile: s.isFile(), isSymlink: s.isSymbolicLink() };
}

export class NodeConfinedFs implements ConfinedHostFs {
  lstat(root: string, rel: string[]): HostStat | number { return at(root, rel, (p) => toStat(lstatSync(p))); }
  list(root: string, rel: string[]): string[] | number {
    try { const fd = openDir(root, rel); try { return readdirSync(`/proc/self/fd/${fd}`); } finally { closeSync(fd); } } catch (e) { return errnoOf(e); }
  }
  read(root: string, rel: string[]): Uint8Array | number {
    return at(root, rel, (p) => {
      const fd = openSync(p, O_RDONLY | O_NOFOLLOW);
      try { const b = readFileSync(fd); return new Uint8Array(b.buffer, b.byteOffset, b.byteLength); } finally { closeSync(fd); }
    });
  }
  write(root: string, rel: string[], data: Uint8Array): number {
    return at(root, rel, (p) => {
      const fd = openSync(p, O_WRONLY | O_NOFOLLOW | O_TRUNC);
      try {
        if (!fstatSync(fd).isFile()) return 21;
        let off = 0;
        while (off < data.length) off += writeSync(fd, data, off, data.length - off);
        fsyncSync(fd);
        return 0;
      } finally { closeSync(fd); }
    });
  }
  create(root: string, rel: string[], mode: number): number {
    return at(root, rel, (p) => { const fd = openSync(p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode); fsyncSync(fd); closeSync(fd); return 0; });
  }
  mkdir(root: string, rel: string[], mode: number): number { return at(root, rel, (p) => { mkdirSync(p, { mode }); return 0; }); }
  unlink(root: string, rel: string[], dir: boolean): number { return at(root, rel, (p) => { if (dir) rmdirSync(p); else unlinkSync(p); return 0; }); }
  rename(root: string, from: string[], to: string[]): number {
    return at(root, from, (a) => at(root, to, (b) => { renameSync(a, b); return 0; }));
  }
  link(root: string, from: string[], to: string[]): number {
    return at(root, from, (a) => at(root, to, (b) => { linkSync(a, b); return 0; }));
  }
  symlink(root: string, rel: string[], target: string): number { return at(root, rel, (p) => { symlinkSync(target, p); return 0; }); }
  readlink(root: string, rel: string[]): string | number { return at(root, rel, (p) => readlinkSync(p)); }
  chmod(root: string, rel: string[], mode: number): number {
    return at(root, rel, (p) => { const fd = openSync(p, O_RDONLY | O_NOFOLLOW); try { fchmodSync(fd, mode); } finally { closeSync(fd); } return 0; });
  }
  truncate(root: string, rel: string[], size: number): number {
    return at(root, rel, (p) => { const fd = openSync(p, O_WRONLY | O_NOFOLLOW); try { ftruncateSync(fd, size); fsyncSync(fd); } finally { closeSync(fd); } return 0; });
  }
}
