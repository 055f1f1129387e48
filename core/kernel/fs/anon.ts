// Where an open file lives in the namespace, for /proc/[pid]/fd/N as Linux's
// magic links (proc_fd_link + nd_jump_link): following the link does not
// resolve a name, it continues the walk at the open file's own position, so
// `cat /dev/stdin` reopens the pipe, tty or deleted file the fd refers to.
// Pipes made by pipe2 have no name: they get an inode in an internal pipefs
// (mounted nowhere, as Linux's) the first time they are reached this way.
import { ENOENT, ENXIO, type Errno } from '../../abi/errno.js';
import { S_IFIFO } from '../../abi/linux.js';
import type { Kernel } from '../kernel.js';
import type { File } from './file.js';
import { Inode, SuperBlock, anonDev } from './inode.js';
import { PIPEFS_MAGIC, isPipe, pipeOf } from './pipe.js';
import { Mount, isPath, type Path } from './vfs.js';

const pipefs = new WeakMap<Kernel, Mount>();

function pipefsMount(k: Kernel): Mount {
  let m = pipefs.get(k);
  if (m === undefined) {
    const sb = new SuperBlock('pipefs', anonDev(), {}, PIPEFS_MAGIC, 'pipefs');
    sb.root = new Inode(sb, 0o040500);
    m = new Mount(sb, sb.root, null, null, 0);
    pipefs.set(k, m);
  }
  return m;
}

/** True for a position inside pipefs (a pipe reopened through /proc: no waiting for the other side). */
export const isPipefs = (p: Path): boolean => p.ino.sb.magic === PIPEFS_MAGIC;

/**
 * The position an open file is at (the target of its /proc/[pid]/fd link): its
 * VFS node (a deleted file's too), its pipe's pipefs inode (owned by `uid/gid`,
 * mode 0600 as Linux's pipe inodes), a node-less file with an absolute name
 * (the console) by that name, else ENXIO (eventfd and other anonymous files).
 */
export function filePosition(k: Kernel, f: File, uid: number, gid: number): Path | Errno {
  if (f.node !== null) return f.node;
  if (isPipe(f)) {
    const pipe = pipeOf(f);
    if (pipe.inode === null) {
      const ino = new Inode(pipefsMount(k).sb, S_IFIFO | 0o600, pipe.ino);
      ino.uid = uid; ino.gid = gid;
      ino.fifo = pipe;
      pipe.inode = ino;
    }
    return { mnt: pipefsMount(k), ino: pipe.inode as Inode };
  }
  if (f.path.startsWith('/')) {
    const p = k.vfs.walk({ root: k.vfs.root, cred: null }, k.vfs.root, f.path, true);
    return isPath(p) ? p : ENOENT;
  }
  return ENXIO;
}

/** /proc/[pid]/fd/N's jump target: the file open as fd in process pid. */
export function fdPosition(k: Kernel, pid: number, fd: number): Path | Errno {
  const p = k.procs.get(pid);
  if (p === undefined || p.zombie) return ENOENT;
  const e = p.files.entry(fd);
  if (e === null) return ENOENT;
  return filePosition(k, e.file, p.cred.fsuid, p.cred.fsgid);
}
