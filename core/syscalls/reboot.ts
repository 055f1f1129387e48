// reboot(2): argument checks (Linux kernel/reboot.c: CAP_SYS_BOOT, the two magic numbers, the
// command); stopping the machine is the board's, reached through machineStop (kernel/proc.ts).
import { EINVAL, EPERM } from '../abi/errno.js';
import type { SyscallResult } from '../kernel/syscall.js';
import type { Task } from '../kernel/task.js';
import type { PowerReason } from '../kernel/kernel.js';
import { GONE } from '../kernel/control.js';
import { exitGroup, machineStop } from '../kernel/proc.js';

export const LINUX_REBOOT_MAGIC1 = 0xfee1dead;
/** LINUX_REBOOT_MAGIC2, 2A, 2B, 2C (birthdays of Linus's daughters, as in Linux). */
const MAGIC2 = [672274793, 85072278, 369367448, 537993216];
export const LINUX_REBOOT_CMD_RESTART = 0x01234567, LINUX_REBOOT_CMD_HALT = 0xcdef0123,
  LINUX_REBOOT_CMD_POWER_OFF = 0x4321fedc, LINUX_REBOOT_CMD_CAD_ON = 0x89abcdef, LINUX_REBOOT_CMD_CAD_OFF = 0;

/**
 * Reboot implements Linux syscall reboot(2): root only (EPERM), both magic numbers (EINVAL);
 * CAD_ON/CAD_OFF are accepted; POWER_OFF, HALT and RESTART stop the machine and the caller
 * never returns (it exits with status 0); any other command is EINVAL.
 */
export function sysReboot(t: Task, a: Float64Array): SyscallResult {
  if (t.proc.cred.euid !== 0) return EPERM;
  if ((a[0] >>> 0) !== LINUX_REBOOT_MAGIC1 || !MAGIC2.includes(a[1] >>> 0)) return EINVAL;
  const cmd = a[2] >>> 0;
  if (cmd === LINUX_REBOOT_CMD_CAD_ON || cmd === LINUX_REBOOT_CMD_CAD_OFF) return 0;
  const reason: PowerReason | null = cmd === LINUX_REBOOT_CMD_POWER_OFF ? 'poweroff'
    : cmd === LINUX_REBOOT_CMD_HALT ? 'halt' : cmd === LINUX_REBOOT_CMD_RESTART ? 'reboot' : null;
  if (reason === null) return EINVAL;
  machineStop(t.kernel, reason, 0, t.proc);
  exitGroup(t.kernel, t, 0);
  return GONE;
}
