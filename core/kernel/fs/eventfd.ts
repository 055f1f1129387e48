// eventfd: a 64-bit counter as a file. write adds (blocking before overflow
// past 2^64-2), read returns and clears it (EFD_SEMAPHORE: returns 1 and
// decrements), blocking at zero unless O_NONBLOCK; poll says POLLIN when
// non-zero, POLLOUT while a write of 1 would fit. Values above 2^53 lose
// precision (JS numbers).
import { EAGAIN, EINVAL } from '../../abi/errno.js';
import { O_NONBLOCK, POLLIN, POLLOUT } from '../../abi/linux.js';
import { BLOCK } from '../control.js';
import { WaitQueue } from '../waitqueue.js';
import { File, type FileOps } from './file.js';

export const EFD_SEMAPHORE = 1;
const MAX = 2 ** 64 - 2;

interface EventFd { count: number; sem: boolean; rq: WaitQueue; wq: WaitQueue }

const readU64 = (b: Uint8Array): number => { const v = new DataView(b.buffer, b.byteOffset, 8); return v.getUint32(4, true) * 4294967296 + v.getUint32(0, true); };

const ops: FileOps = {
  read(f, t, buf) {
    const e = f.priv as EventFd;
    if (buf.length < 8) return EINVAL;
    if (e.count === 0) {
      if (f.flags & O_NONBLOCK) return EAGAIN;
      t.sleepOn([e.rq], -1, 'eventfd_read');
      return BLOCK;
    }
    const v = e.sem ? 1 : e.count;
    e.count -= v;
    const d = new DataView(buf.buffer, buf.byteOffset, 8);
    d.setUint32(0, v % 4294967296, true); d.setUint32(4, Math.floor(v / 4294967296), true);
    e.wq.wakeAll();
    return 8;
  },
  write(f, t, buf) {
    const e = f.priv as EventFd;
    if (buf.length < 8) return EINVAL;
    const v = readU64(buf);
    if (v >= 2 ** 64 - 1) return EINVAL;
    if (e.count + v > MAX) {
      if (f.flags & O_NONBLOCK) return EAGAIN;
      t.sleepOn([e.wq], -1, 'eventfd_write');
      return BLOCK;
    }
    e.count += v;
    if (v > 0) e.rq.wakeAll();
    return 8;
  },
  poll(f) {
    const e = f.priv as EventFd;
    return { mask: (e.count > 0 ? POLLIN : 0) | (e.count < MAX ? POLLOUT : 0), wq: e.rq };
  },
};

export function makeEventFd(initval: number, flags: number): File {
  const e: EventFd = { count: initval, sem: (flags & EFD_SEMAPHORE) !== 0, rq: new WaitQueue(), wq: new WaitQueue() };
  return new File(ops, 2 | (flags & O_NONBLOCK), 'anon_inode:[eventfd]', e);
}
