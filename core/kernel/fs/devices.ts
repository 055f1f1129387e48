// The few character devices the kernel core provides before devfs:
// /dev/null, /dev/zero, /dev/random and /dev/urandom.
import { S_IFCHR } from '../../abi/linux.js';
import type { Kernel } from '../kernel.js';
import type { FileOps, Stat } from './file.js';

const chrStat = (rdev: number): Stat => ({ dev: 5, ino: rdev, mode: S_IFCHR | 0o666, nlink: 1, uid: 0, gid: 0, rdev, size: 0, blksize: 4096, blocks: 0, atimeNs: 0, mtimeNs: 0, ctimeNs: 0 });

export const devNullOps: FileOps = {
  read: () => 0,
  write: (_f, _t, buf) => buf.length,
  lseek: () => 0,
  stat: () => chrStat((1 << 8) | 3),
};

export const devZeroOps: FileOps = {
  read: (_f, _t, buf) => { buf.fill(0); return buf.length; },
  write: (_f, _t, buf) => buf.length,
  lseek: () => 0,
  stat: () => chrStat((1 << 8) | 5),
};

export function devRandomOps(k: Kernel): FileOps {
  return {
    read: (_f, _t, buf) => { k.randomBytes(buf); return buf.length; },
    write: (_f, _t, buf) => buf.length,
    lseek: () => 0,
    stat: () => chrStat((1 << 8) | 9),
  };
}
