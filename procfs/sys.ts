// /proc/sys (Linux kernel/sysctl.c tables): kernel/, vm/ and fs/ entries.
// Writable ones parse their whole input first and change the kernel only
// when it is valid (EINVAL otherwise, nothing applied).
import { EINVAL, type Errno } from '../core/abi/errno.js';
import { systemSnapshot } from '../core/kernel/snapshot.js';
import { setHostname, setRandomizeVaSpace } from '../core/kernel/procctl.js';
import { ro, rw, table, type Ctx } from './node.js';
import { UTS_RELEASE, UTS_VERSION } from './system.js';

export const PID_MAX = 4194304;

/** One integer, optionally surrounded by white space (proc_dointvec_minmax for a single value). */
function oneInt(d: Uint8Array, min: number, max: number): number | null {
  const s = new TextDecoder().decode(d).trim();
  if (!/^[+-]?\d{1,10}$/.test(s)) return null;
  const v = Number(s);
  return v >= min && v <= max ? v : null;
}

/** hostname: the first line, at most 64 bytes (__NEW_UTS_LEN), no NUL bytes. */
function writeHostname(c: Ctx, d: Uint8Array): 0 | Errno {
  let end = d.indexOf(10);
  if (end < 0) end = d.length;
  const b = d.subarray(0, end);
  if (b.length > 64 || b.includes(0)) return EINVAL;
  let s: string;
  try { s = new TextDecoder('utf-8', { fatal: true }).decode(b); } catch { return EINVAL; }
  return setHostname(c.k, s);
}

function writeAslr(c: Ctx, d: Uint8Array): 0 | Errno {
  const v = oneInt(d, 0, 2);
  return v === null ? EINVAL : setRandomizeVaSpace(c.k, v);
}

const kernel = table({
  ostype: ro(() => 'Linux\n'),
  osrelease: ro(() => `${UTS_RELEASE}\n`),
  version: ro(() => `${UTS_VERSION}\n`),
  hostname: rw((c) => `${systemSnapshot(c.k).hostname}\n`, writeHostname),
  pid_max: ro(() => `${PID_MAX}\n`),
  randomize_va_space: rw((c) => `${c.k.randomizeVaSpace}\n`, writeAslr),
  tainted: ro((c) => `${(c.k as { tainted?: number }).tainted ?? 0}\n`),
  'threads-max': ro((c) => `${Math.floor(systemSnapshot(c.k).memTotalBytes / (8 * 16384))}\n`),
});

const vm = table({
  overcommit_memory: ro(() => '0\n'),
  max_map_count: ro(() => '65530\n'),
});

const fs = table({
  'file-nr': ro((c) => `${systemSnapshot(c.k).openFiles}\t0\t${Math.floor(systemSnapshot(c.k).memTotalBytes / 10240)}\n`),
});

export const sysDir = table({ kernel, vm, fs });
