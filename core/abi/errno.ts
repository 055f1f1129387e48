// Linux errno values (asm-generic/errno-base.h, errno.h) as typed singletons.
// Syscall handlers return an Errno instead of throwing; only the trap glue
// turns it into -errno in a0. `Errno` instances are interned: compare with ===.

export class Errno {
  constructor(readonly code: number, readonly name: string) {}
  toString(): string { return this.name; }
}

const byCode: Errno[] = [];
function e(code: number, name: string): Errno {
  const x = new Errno(code, name);
  byCode[code] = x;
  return x;
}

export const EPERM = e(1, 'EPERM'), ENOENT = e(2, 'ENOENT'), ESRCH = e(3, 'ESRCH'), EINTR = e(4, 'EINTR');
export const EIO = e(5, 'EIO'), ENXIO = e(6, 'ENXIO'), E2BIG = e(7, 'E2BIG'), ENOEXEC = e(8, 'ENOEXEC');
export const EBADF = e(9, 'EBADF'), ECHILD = e(10, 'ECHILD'), EAGAIN = e(11, 'EAGAIN'), ENOMEM = e(12, 'ENOMEM');
export const EACCES = e(13, 'EACCES'), EFAULT = e(14, 'EFAULT'), EBUSY = e(16, 'EBUSY'), EEXIST = e(17, 'EEXIST');
export const EXDEV = e(18, 'EXDEV'), ENODEV = e(19, 'ENODEV'), ENOTDIR = e(20, 'ENOTDIR'), EISDIR = e(21, 'EISDIR');
export const EINVAL = e(22, 'EINVAL'), ENFILE = e(23, 'ENFILE'), EMFILE = e(24, 'EMFILE'), ENOTTY = e(25, 'ENOTTY');
export const ETXTBSY = e(26, 'ETXTBSY'), EFBIG = e(27, 'EFBIG'), ENOSPC = e(28, 'ENOSPC'), ESPIPE = e(29, 'ESPIPE');
export const EROFS = e(30, 'EROFS'), EMLINK = e(31, 'EMLINK'), EPIPE = e(32, 'EPIPE'), EDOM = e(33, 'EDOM');
export const ERANGE = e(34, 'ERANGE'), EDEADLK = e(35, 'EDEADLK'), ENAMETOOLONG = e(36, 'ENAMETOOLONG');
export const ENOLCK = e(37, 'ENOLCK'), ENOSYS = e(38, 'ENOSYS'), ENOTEMPTY = e(39, 'ENOTEMPTY'), ELOOP = e(40, 'ELOOP');
export const ENODATA = e(61, 'ENODATA'), ETIME = e(62, 'ETIME'), EOVERFLOW = e(75, 'EOVERFLOW');
export const EOPNOTSUPP = e(95, 'EOPNOTSUPP'), ETIMEDOUT = e(110, 'ETIMEDOUT');
export const ERESTARTSYS = e(512, 'ERESTARTSYS');

/** The interned Errno for a code (cold path: logs, tests). */
export function errnoByCode(code: number): Errno | undefined { return byCode[code]; }

export function isErrno(v: unknown): v is Errno { return v instanceof Errno; }
