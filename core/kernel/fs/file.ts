// Open files and fd tables: the seam the VFS (files issue) slots under. A File
// is an open file description (offset, flags) shared by dup and fork; its
// behaviour comes from a FileOps table, like Linux's file_operations. Data
// moves through kernel buffers (Uint8Array); the syscall layer does the user
// copies. An op that must wait returns BLOCK after putting the task on a wait
// queue (the syscall is re-executed when the task is woken).
import { EBADF, EMFILE, type Errno } from '../../abi/errno.js';
import type { Block } from '../control.js';
import type { Task } from '../task.js';
import type { WaitQueue } from '../waitqueue.js';
import type { MemObject } from '../mm/vma.js';
import type { Path } from './vfs.js';

/** What fstat reports (the syscall layer writes struct stat). */
export interface Stat {
  dev: number; ino: number; mode: number; nlink: number; uid: number; gid: number; rdev: number;
  size: number; blksize: number; blocks: number; atimeNs: number; mtimeNs: number; ctimeNs: number;
  /** Exact [atime sec, nsec, mtime sec, nsec, ctime sec, nsec] when known (ns numbers lose precision). */
  times?: Float64Array;
}

export interface FileOps {
  /** Called once a description is made on an inode with its own fops (procfs: access checks, content). */
  open?(f: File, t: Task): 0 | Errno;
  read?(f: File, t: Task, buf: Uint8Array, pos: number): number | Errno | Block;
  write?(f: File, t: Task, buf: Uint8Array, pos: number): number | Errno | Block;
  /** Returns the new position, or an Errno (ESPIPE for pipes and ttys). Default: SEEK_SET/CUR/END on `size`. */
  lseek?(f: File, off: number, whence: number): number | Errno;
  ioctl?(f: File, t: Task, cmd: number, arg: number): number | Errno | Block;
  /** Readiness mask (POLLIN/POLLOUT/POLLHUP...) and the queue woken when it may change. */
  poll?(f: File): { mask: number; wq: WaitQueue | null };
  stat?(f: File): Stat;
  /** Backing object for mmap (page cache), or an Errno (ENODEV when not mappable). */
  mmap?(f: File): MemObject | Errno;
  /** Directory listing for getdents64: [name, ino, d_type] from index `pos`. */
  readdir?(f: File, pos: number): { name: string; ino: number; type: number } | null;
  /** Last close of the description. */
  release?(f: File): void;
  /** fsync/fdatasync (hostfs: durable on the host). */
  fsync?(f: File): 0 | Errno;
}

export class File {
  /** References: fd table slots and in-flight users. */
  refs = 1;
  pos = 0;
  /** The VFS position this description was opened at (null for pipes, eventfds, the console). */
  node: Path | null = null;
  /** Called after ops.release at last close (the VFS's opener count on device nodes). */
  onRelease: (() => void) | null = null;
  constructor(
    readonly ops: FileOps,
    /** O_ACCMODE | O_APPEND | O_NONBLOCK ... as given to open (status flags). */
    public flags: number,
    /** Path for /proc/[pid]/fd and fstat-less tools. */
    readonly path: string,
    /** The filesystem's own object (inode, pipe end, console). */
    readonly priv: unknown = null,
  ) {}
  get readable(): boolean { return (this.flags & 3) !== 1; }
  get writable(): boolean { return (this.flags & 3) !== 0; }
  get(): File { this.refs++; return this; }
  put(): void { if (--this.refs === 0) { this.ops.release?.(this); this.onRelease?.(); } }
}

export interface FdEntry { file: File; cloexec: boolean }

/** A process's descriptor table (files_struct); shared by tasks created with CLONE_FILES. */
export class FdTable {
  fds: (FdEntry | null)[] = [];
  /** Processes sharing this table. */
  users = 1;
  constructor(public maxFds = 1024) {}

  get(fd: number): File | Errno {
    const e = fd >= 0 && fd < this.fds.length ? this.fds[fd] : null;
    return e ? e.file : EBADF;
  }
  entry(fd: number): FdEntry | null { return fd >= 0 && fd < this.fds.length ? this.fds[fd] ?? null : null; }

  /** Installs f at the lowest free fd >= min (takes over the caller's reference). */
  install(f: File, cloexec: boolean, min = 0): number | Errno {
    let fd = min;
    while (fd < this.fds.length && this.fds[fd]) fd++;
    if (fd >= this.maxFds) return EMFILE;
    while (this.fds.length <= fd) this.fds.push(null);
    this.fds[fd] = { file: f, cloexec };
    return fd;
  }

  /** Puts f at exactly fd (dup2/dup3), closing what was there. */
  installAt(fd: number, f: File, cloexec: boolean): number | Errno {
    if (fd < 0 || fd >= this.maxFds) return EBADF;
    while (this.fds.length <= fd) this.fds.push(null);
    const old = this.fds[fd];
    this.fds[fd] = { file: f, cloexec };
    old?.file.put();
    return fd;
  }

  close(fd: number): 0 | Errno {
    const e = this.entry(fd);
    if (!e) return EBADF;
    this.fds[fd] = null;
    e.file.put();
    return 0;
  }

  /** fork without CLONE_FILES: a copy sharing the open file descriptions. */
  clone(): FdTable {
    const t = new FdTable(this.maxFds);
    t.fds = this.fds.map((e) => (e ? { file: e.file.get(), cloexec: e.cloexec } : null));
    return t;
  }

  /** execve: close every close-on-exec descriptor. */
  closeOnExec(): void {
    for (let fd = 0; fd < this.fds.length; fd++) if (this.fds[fd]?.cloexec) this.close(fd);
  }

  closeAll(): void {
    for (let fd = 0; fd < this.fds.length; fd++) if (this.fds[fd]) this.close(fd);
  }

  /** Snapshot for /proc/[pid]/fd: fd → path, flags, pos. */
  snapshot(): { fd: number; path: string; flags: number; pos: number; cloexec: boolean }[] {
    const out = [];
    for (let fd = 0; fd < this.fds.length; fd++) {
      const e = this.fds[fd];
      if (e) out.push({ fd, path: e.file.path, flags: e.file.flags, pos: e.file.pos, cloexec: e.cloexec });
    }
    return out;
  }
}
