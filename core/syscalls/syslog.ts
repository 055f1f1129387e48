// syslog(2) (glibc's klogctl): the kernel log as dmesg reads it. Records come
// from k.log ("[    t.tttttt] text"); a text starting with "<N>" carries its
// printk level (modules' printk), otherwise the level is 6 (KERN_INFO). Reading
// gives "<N>[    t.tttttt] text\n" per record, as Linux's syslog_print_all.
// Reading and clearing need root (CAP_SYSLOG) unless dmesg_restrict is 0; we
// follow dmesg_restrict = 0 for reads, root for clearing.
import { EFAULT, EINVAL, EPERM } from '../abi/errno.js';
import type { SyscallResult } from '../kernel/syscall.js';
import type { Task } from '../kernel/task.js';
import type { Kernel } from '../kernel/kernel.js';
import { copyOut } from '../kernel/mm/uaccess.js';
import { int } from './util.js';

const SYSLOG_ACTION_CLOSE = 0, SYSLOG_ACTION_OPEN = 1, SYSLOG_ACTION_READ = 2, SYSLOG_ACTION_READ_ALL = 3, SYSLOG_ACTION_READ_CLEAR = 4,
  SYSLOG_ACTION_CLEAR = 5, SYSLOG_ACTION_CONSOLE_OFF = 6, SYSLOG_ACTION_CONSOLE_ON = 7, SYSLOG_ACTION_CONSOLE_LEVEL = 8,
  SYSLOG_ACTION_SIZE_UNREAD = 9, SYSLOG_ACTION_SIZE_BUFFER = 10;
/** The log buffer size reported (CONFIG_LOG_BUF_SHIFT 17). */
export const LOG_BUF_LEN = 1 << 17;

/** One record of k.log in syslog's format. */
export function syslogRecord(line: string): string {
  const m = /^(\[\s*[\d.]+\])\s?(?:<([0-7])>)?(.*)$/s.exec(line);
  if (m === null) return `<6>${line}\n`;
  return `<${m[2] ?? '6'}>${m[1]} ${m[3]}\n`;
}

const cleared = new WeakMap<Kernel, number>();

export function sysSyslog(t: Task, a: Float64Array): SyscallResult {
  const k = t.kernel;
  const type = int(a[0]), len = int(a[2]);
  const root = t.proc.cred.euid === 0;
  switch (type) {
    case SYSLOG_ACTION_CLOSE: case SYSLOG_ACTION_OPEN: return 0;
    case SYSLOG_ACTION_READ: case SYSLOG_ACTION_READ_ALL: case SYSLOG_ACTION_READ_CLEAR: {
      if (len < 0) return EINVAL;
      if (a[1] === 0) return len === 0 ? 0 : EFAULT;
      if (type === SYSLOG_ACTION_READ_CLEAR && !root) return EPERM;
      const from = cleared.get(k) ?? 0;
      let text = k.log.slice(from).map(syslogRecord).join('');
      let bytes = new TextEncoder().encode(text);
      if (bytes.length > len) { // the newest records that fit, as Linux
        bytes = bytes.subarray(bytes.length - len);
        const nl = bytes.indexOf(10);
        bytes = nl >= 0 ? bytes.subarray(nl + 1) : bytes.subarray(0, 0);
        text = '';
      }
      const r = copyOut(t.mm, a[1], bytes);
      if (r !== 0) return r;
      if (type !== SYSLOG_ACTION_READ_ALL) cleared.set(k, k.log.length);
      return bytes.length;
    }
    case SYSLOG_ACTION_CLEAR: if (!root) return EPERM; cleared.set(k, k.log.length); return 0;
    case SYSLOG_ACTION_CONSOLE_OFF: case SYSLOG_ACTION_CONSOLE_ON: case SYSLOG_ACTION_CONSOLE_LEVEL: return root ? 0 : EPERM;
    case SYSLOG_ACTION_SIZE_UNREAD: return new TextEncoder().encode(k.log.slice(cleared.get(k) ?? 0).map(syslogRecord).join('')).length;
    case SYSLOG_ACTION_SIZE_BUFFER: return LOG_BUF_LEN;
    default: return EINVAL;
  }
}
