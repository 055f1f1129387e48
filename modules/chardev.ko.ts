// chardev: a character device /dev/chardev holding a message. read returns
// it, write replaces it, ioctl 0x4301 (CHARDEV_GET_LEN) stores its length at
// *arg, 0x4302 (CHARDEV_CLEAR) empties it, 0x4303 (CHARDEV_OPENS) returns how
// many times the device was opened; mmap maps a copy of the message. Used by userland/src/tests/chardev.c.
import type { DevFile, Kernel, ModuleDefinition } from '../core/kernel/module/api.js';

let message = 'Hello from chardev\n';
let opens = 0;
let major = 0;

const chardev: ModuleDefinition = {
  name: 'chardev',
  description: 'A character device with read, write and ioctl',
  license: 'GPL',
  version: '1.0',
  params: { major: { type: 'int', default: 0, description: 'major number (0: pick one)' } },
  init(k: Kernel) {
    major = k.registerChrdev(Number(k.params.major), 'chardev', {
      open() { opens++; return 0; },
      read(f: DevFile, count: number, pos: number) {
        const bytes = new TextEncoder().encode(message);
        if (pos >= bytes.length) return new Uint8Array(0);
        const out = bytes.subarray(pos, pos + count);
        f.pos = pos + out.length;
        return out;
      },
      write(_f: DevFile, data: Uint8Array) {
        message = new TextDecoder().decode(data);
        return data.length;
      },
      mmap() { return new TextEncoder().encode(message); },
      ioctl(_f: DevFile, cmd: number, arg: number) {
        if (cmd === 0x4301) {
          const n = new TextEncoder().encode(message).length;
          const b = new Uint8Array([n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255]);
          return k.copyOut(arg, b);
        }
        if (cmd === 0x4302) { message = ''; return 0; }
        if (cmd === 0x4303) return opens;
        return -k.errno.ENOTTY;
      },
    });
    if (major < 0) return major;
    k.printk('info', `chardev: registered major ${major}`);
    return 0;
  },
  exit(k: Kernel) {
    k.printk('info', `chardev: unregistered major ${major}`);
  },
};
export default chardev;
