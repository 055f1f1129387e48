// /proc/[pid] and /proc/[pid]/task/[tid] (Linux fs/proc/base.c): the table
// of per-process entries, the fd/ and fdinfo/ directories, the task/
// directory, and the small files (cmdline, environ, comm, limits, io, wchan,
// syscall, oom_score, oom_score_adj, cgroup, auxv, mounts, mountinfo).
import { EINVAL, ENOENT, ESRCH, type Errno } from '../core/abi/errno.js';
import { fdPosition, listTids, processByPid, systemSnapshot, type SystemSnapshot } from '../core/kernel/snapshot.js';
import { setComm, setOomScoreAdj } from '../core/kernel/procctl.js';
import { link, ro, rw, table, type Ctx, type DirNode, type Node } from './node.js';
import { mapsNode, mem, smapsNode, smapsRollupNode, statmNode, memTotals } from './pid-mm.js';
import { stat, status, subject } from './pid-stat.js';
import { hex, nulJoin, parseIntStrict } from './format.js';

const withProc = <T>(c: Ctx, f: (p: NonNullable<ReturnType<typeof processByPid>>) => T): T | Errno => {
  const p = processByPid(c.k, c.pid);
  return p === null ? ESRCH : f(p);
};

const LIMITS: [string, string][] = [
  ['Max cpu time', 'seconds'], ['Max file size', 'bytes'], ['Max data size', 'bytes'], ['Max stack size', 'bytes'],
  ['Max core file size', 'bytes'], ['Max resident set', 'bytes'], ['Max processes', 'processes'], ['Max open files', 'files'],
  ['Max locked memory', 'bytes'], ['Max address space', 'bytes'], ['Max file locks', 'locks'], ['Max pending signals', 'signals'],
  ['Max msgqueue size', 'bytes'], ['Max nice priority', ''], ['Max realtime priority', ''], ['Max realtime timeout', 'us'],
];

/** proc_pid_limits: "%-25s %-20s %-20s %-10s". */
export function limits(c: Ctx): string | Errno {
  return withProc(c, (p) => {
    const v = (n: number): string => (n < 0 ? 'unlimited' : String(n)).padEnd(20);
    let o = `${'Limit'.padEnd(25)} ${'Soft Limit'.padEnd(20)} ${'Hard Limit'.padEnd(20)} ${'Units'.padEnd(10)}\n`;
    LIMITS.forEach(([name, unit], i) => {
      const [soft, hard] = p.rlimits[i] ?? [-1, -1];
      o += `${name.padEnd(25)} ${v(soft)} ${v(hard)} ${unit ? unit.padEnd(10) : ''}\n`;
    });
    return o;
  });
}

/** /proc/mounts line options. */
const opts = (m: SystemSnapshot['mounts'][number]): string => (m.ro ? 'ro' : 'rw') + ',relatime';

export function mounts(c: Ctx): string {
  return systemSnapshot(c.k).mounts.map((m) => `${m.source} ${m.target} ${m.type} ${opts(m)} 0 0\n`).join('');
}

export function mountinfo(c: Ctx): string {
  return systemSnapshot(c.k).mounts.map((m) =>
    `${m.id} ${m.parentId} ${(m.dev >>> 8) & 0xfff}:${m.dev & 0xff} ${m.root} ${m.target} ${opts(m)} - ${m.type} ${m.source} ${m.ro ? 'ro' : 'rw'}\n`).join('');
}

/** /proc/[pid]/syscall: "running", or the blocked call's number, six arguments, sp and pc; -1 sp pc outside a call. */
export function syscall(c: Ctx): string | Errno {
  const s = subject(c);
  if (s === null) return ESRCH;
  const { t } = s;
  if (t.state === 'R') return 'running\n';
  if (t.blockedIn >= 0) return `${t.blockedIn} ${t.args.map((a) => '0x' + hex(a)).join(' ')} 0x${hex(t.sp)} 0x${hex(t.pc)}\n`;
  return `-1 0x${hex(t.sp)} 0x${hex(t.pc)}\n`;
}

/** proc_oom_score: (1000 + badness*1000/totalpages)*2/3 (badness = rss + page tables + adj*totalpages/1000), 0 when adj is -1000. */
export function oomScore(c: Ctx): string | Errno {
  return withProc(c, (p) => {
    if (p.zombie || p.oomScoreAdj === -1000) return '0\n';
    const total = Math.max(1, systemSnapshot(c.k).memTotalBytes / 4096);
    const m = memTotals(p);
    const badness = m.rssKb / 4 + m.pteKb / 4 + (p.oomScoreAdj * total) / 1000;
    return `${Math.max(0, Math.trunc(((1000 + Math.trunc((badness * 1000) / total)) * 2) / 3))}\n`;
  });
}

function writeOomAdj(c: Ctx, d: Uint8Array): 0 | Errno {
  // kstrtoint after strstrip: surrounding white space is fine, anything else is EINVAL.
  const v = parseIntStrict(new TextEncoder().encode(new TextDecoder().decode(d).trim()));
  if (v === null || v < -1000 || v > 1000) return EINVAL;
  return setOomScoreAdj(c.k, c.pid, v);
}

function writeComm(c: Ctx, d: Uint8Array): 0 | Errno {
  // Only a thread of the same group may rename (comm_write); the name keeps its bytes, cut to 15.
  if (c.who !== null && c.who.pid !== c.pid) return EINVAL;
  return setComm(c.k, c.pid, c.thread ? c.tid : c.pid, d);
}

const comm = rw((c) => {
  const s = subject(c);
  return s === null ? ESRCH : `${c.thread ? s.t.comm : s.p.comm}\n`;
}, writeComm);

const io = ro((c) => withProc(c, (p) => `rchar: ${p.io.rchar}\nwchar: ${p.io.wchar}\nsyscr: ${p.io.syscr}\nsyscw: ${p.io.syscw}\nread_bytes: 0\nwrite_bytes: 0\ncancelled_write_bytes: 0\n`), 0o400, true);

/** auxv: (type, value) pairs of 64-bit words ending with AT_NULL. */
const auxv = ro((c) => withProc(c, (p) => {
  const b = new Uint8Array((p.vm.auxv.length + 1) * 16);
  const v = new DataView(b.buffer);
  p.vm.auxv.forEach(([a, x], i) => { v.setBigUint64(i * 16, BigInt.asUintN(64, BigInt(a)), true); v.setBigUint64(i * 16 + 8, BigInt.asUintN(64, BigInt(x)), true); });
  return b;
}), 0o400, true);

/** fd/: one magic link per descriptor, named by number: readlink gives the file's name (pipe:[N], /dev/console...), open reopens the file itself. */
const fdDir: DirNode = {
  kind: 'dir', mode: 0o500, ptrace: true,
  list: (c) => processByPid(c.k, c.pid)?.fds.map((f) => String(f.fd)) ?? [],
  lookup: (c, name) => {
    if (!/^(0|[1-9]\d*)$/.test(name)) return null;
    const f = processByPid(c.k, c.pid)?.fds.find((x) => x.fd === Number(name));
    return f === undefined ? null : [link(() => f.path, true, (cc) => fdPosition(cc.k, cc.pid, f.fd)), c] as const;
  },
};

/** fdinfo/: pos, flags (octal, O_CLOEXEC and O_LARGEFILE included as Linux shows them), mnt_id, ino. */
const fdinfoDir: DirNode = {
  kind: 'dir', mode: 0o500, ptrace: true,
  list: (c) => processByPid(c.k, c.pid)?.fds.map((f) => String(f.fd)) ?? [],
  lookup: (c, name) => {
    if (!/^(0|[1-9]\d*)$/.test(name)) return null;
    const fd = Number(name);
    const node = ro((cc) => {
      const f = processByPid(cc.k, cc.pid)?.fds.find((x) => x.fd === fd);
      if (f === undefined) return ENOENT;
      const flags = f.flags | (f.cloexec ? 0o2000000 : 0) | (f.mntId !== 0 ? 0o100000 : 0);
      return `pos:\t${f.pos}\nflags:\t0${flags.toString(8)}\nmnt_id:\t${f.mntId}\nino:\t${f.ino}\n`;
    }, 0o444, true);
    return processByPid(c.k, c.pid)?.fds.some((x) => x.fd === fd) ? [node, c] as const : null;
  },
};

/** Entries shared by /proc/[pid] and /proc/[pid]/task/[tid]. */
function common(): Record<string, Node> {
  return {
    status: ro(status), stat: ro(stat), statm: statmNode,
    cmdline: ro((c) => withProc(c, (p) => nulJoin(p.argv))),
    environ: ro((c) => withProc(c, (p) => nulJoin(p.envp)), 0o400, true),
    comm,
    exe: link((c) => withProc(c, (p) => (p.exe === '' ? ENOENT : p.exe)), true),
    cwd: link((c) => withProc(c, (p) => p.cwd), true),
    root: link((c) => withProc(c, (p) => p.root), true),
    fd: fdDir, fdinfo: fdinfoDir,
    maps: mapsNode, smaps: smapsNode, smaps_rollup: smapsRollupNode, mem,
    auxv, limits: ro(limits),
    mounts: ro(mounts), mountinfo: ro(mountinfo),
    wchan: ro((c) => { const s = subject(c); return s === null ? ESRCH : s.t.state === 'S' && s.t.wchan ? s.t.wchan : '0'; }),
    syscall: ro(syscall, 0o400, true),
    oom_score: ro(oomScore),
    oom_score_adj: rw((c) => withProc(c, (p) => `${p.oomScoreAdj}\n`), writeOomAdj),
    cgroup: ro(() => '0::/\n'),
    io,
    // schedstat: ns on the CPU, ns waiting on a run queue (not tracked), timeslices run.
    schedstat: ro((c) => {
      const s = subject(c);
      if (s === null) return ESRCH;
      const ts = c.thread ? [s.t] : s.p.threads;
      return `${ts.reduce((a, x) => a + x.runNs, 0)} 0 ${ts.reduce((a, x) => a + x.nvcsw + x.nivcsw, 0)}\n`;
    }),
  };
}

const threadDir = table(common());

/** task/: one directory per thread. */
const taskDir: DirNode = {
  kind: 'dir', mode: 0o555,
  list: (c) => (listTids(c.k, c.pid) ?? []).map(String),
  lookup: (c, name) => {
    if (!/^[1-9]\d*$/.test(name)) return null;
    const tid = Number(name);
    return listTids(c.k, c.pid)?.includes(tid) ? [threadDir, { ...c, tid, thread: true }] as const : null;
  },
};

/** The /proc/[pid] directory. */
export const pidDir = table({ ...common(), task: taskDir });

