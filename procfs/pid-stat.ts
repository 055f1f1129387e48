// Process state in Linux's formats (fs/proc/array.c): /proc/[pid]/status,
// /proc/[pid]/stat (52 space-separated fields, comm in parentheses), and the
// thread views of both under /proc/[pid]/task/[tid]. Times are USER_HZ ticks;
// time spent in the kernel is counted as user time (one clock per slice).
import { ESRCH, type Errno } from '../core/abi/errno.js';
import { processByPid, type ProcessSnapshot, type TaskSnapshot } from '../core/kernel/snapshot.js';
import { ptraceMayAccess } from '../core/kernel/procctl.js';
import type { Ctx } from './node.js';
import { memTotals } from './pid-mm.js';
import { sigset, statusKb, ticks, u64 } from './format.js';

const STATE_NAME: Record<TaskSnapshot['state'], string> = { R: 'R (running)', S: 'S (sleeping)', T: 'T (stopped)', t: 't (tracing stop)', Z: 'Z (zombie)' };
/** All capabilities through CAP_LAST_CAP (40). */
const CAP_FULL = '000001ffffffffff', CAP_NONE = '0000000000000000';
const PF_RANDOMIZE = 0x00400000;

/** The process and the thread a node is about (the main thread for /proc/[pid]). */
export function subject(c: Ctx): { p: ProcessSnapshot; t: TaskSnapshot } | null {
  const p = processByPid(c.k, c.pid);
  if (p === null) return null;
  const t = p.threads.find((x) => x.tid === c.tid) ?? p.threads[0];
  return t === undefined ? null : { p, t };
}

/** Linux escapes '\n' and '\\' in the Name: line (proc_task_name with escape). */
const escName = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

/** A process's state is its main thread's, except that any running thread makes it R. */
function stateOf(c: Ctx, p: ProcessSnapshot, t: TaskSnapshot): TaskSnapshot['state'] {
  if (c.thread || p.zombie) return t.state;
  return p.threads.some((x) => x.state === 'R') ? 'R' : t.state;
}

export function status(c: Ctx): string | Errno {
  const s = subject(c);
  if (s === null) return ESRCH;
  const { p, t } = s;
  const fdSize = Math.max(64, Math.ceil((p.fds.length ? p.fds[p.fds.length - 1].fd + 1 : 0) / 64) * 64);
  const caps = p.euid === 0 ? CAP_FULL : CAP_NONE;
  const nvcsw = c.thread ? t.nvcsw : p.threads.reduce((a, x) => a + x.nvcsw, 0);
  const nivcsw = c.thread ? t.nivcsw : p.threads.reduce((a, x) => a + x.nivcsw, 0);
  let o = `Name:\t${escName(c.thread ? t.comm : p.comm)}\n`;
  if (!p.zombie) o += `Umask:\t${p.umask.toString(8).padStart(4, '0')}\n`;
  o += `State:\t${STATE_NAME[stateOf(c, p, t)]}\nTgid:\t${p.pid}\nNgid:\t0\nPid:\t${t.tid}\nPPid:\t${p.ppid}\nTracerPid:\t${p.tracerPid}\n`
    + `Uid:\t${p.uid}\t${p.euid}\t${p.suid}\t${p.fsuid}\nGid:\t${p.gid}\t${p.egid}\t${p.sgid}\t${p.fsgid}\n`
    + `FDSize:\t${p.zombie ? 0 : fdSize}\nGroups:\t${p.groups.join(' ')} \n`
    + `NStgid:\t${p.pid}\nNSpid:\t${t.tid}\nNSpgid:\t${p.pgid}\nNSsid:\t${p.sid}\nKthread:\t0\n`;
  if (!p.zombie && p.vm.vmas.length > 0) {
    const m = memTotals(p);
    o += statusKb('VmPeak', m.sizeKb) + statusKb('VmSize', m.sizeKb) + statusKb('VmLck', 0) + statusKb('VmPin', 0)
      + statusKb('VmHWM', Math.max(m.rssKb, p.vm.hiwaterRssPages * 4)) + statusKb('VmRSS', m.rssKb) + statusKb('RssAnon', m.anonKb) + statusKb('RssFile', m.fileKb)
      + statusKb('RssShmem', m.shmemKb) + statusKb('VmData', m.dataKb) + statusKb('VmStk', m.stackKb) + statusKb('VmExe', m.textKb)
      + statusKb('VmLib', m.libKb) + statusKb('VmPTE', m.pteKb) + statusKb('VmSwap', 0) + 'HugetlbPages:\t       0 kB\n';
  }
  o += `CoreDumping:\t0\nTHP_enabled:\t0\nThreads:\t${p.threads.length}\nSigQ:\t${p.signals.queued}/${sigpendingLimit(p)}\n`
    + `SigPnd:\t${sigset(t.sigPnd)}\nShdPnd:\t${sigset(p.signals.shdPnd)}\nSigBlk:\t${sigset(t.sigBlk)}\n`
    + `SigIgn:\t${sigset(p.signals.sigIgn)}\nSigCgt:\t${sigset(p.signals.sigCgt)}\n`
    + `CapInh:\t${CAP_NONE}\nCapPrm:\t${caps}\nCapEff:\t${caps}\nCapBnd:\t${CAP_FULL}\nCapAmb:\t${CAP_NONE}\n`
    + `NoNewPrivs:\t${t.noNewPrivs ? 1 : 0}\nSeccomp:\t${t.seccompMode}\nSeccomp_filters:\t${t.seccompFilters}\nSpeculation_Store_Bypass:\tunknown\nSpeculationIndirectBranch:\tunknown\n`
    + `Cpus_allowed:\t1\nCpus_allowed_list:\t0\nMems_allowed:\t1\nMems_allowed_list:\t0\n`
    + `voluntary_ctxt_switches:\t${nvcsw}\nnonvoluntary_ctxt_switches:\t${nivcsw}\n`;
  return o;
}

function sigpendingLimit(p: ProcessSnapshot): string {
  const r = p.rlimits[11];
  return r === undefined ? '0' : u64(r[0]);
}

const low64 = (s: bigint): string => BigInt.asUintN(64, s).toString();

export function stat(c: Ctx): string | Errno {
  const s = subject(c);
  if (s === null) return ESRCH;
  const { p, t } = s;
  const permitted = ptraceMayAccess(c.k, p.pid);
  const threads = c.thread ? [t] : p.threads;
  const minflt = threads.reduce((a, x) => a + x.minflt, 0);
  const utime = ticks(threads.reduce((a, x) => a + x.runNs, 0));
  const l = p.vm.layout;
  const live = !p.zombie && p.vm.vmas.length > 0;
  const m = live ? memTotals(p) : null;
  const rsslim = p.rlimits[5] ? u64(p.rlimits[5][0]) : '18446744073709551615';
  const perm = (v: number, denied: number): number => (!live ? 0 : permitted ? v : denied);
  const f: (string | number)[] = [
    stateOf(c, p, t), p.ppid, p.pgid, p.sid, p.ttyNr, p.tpgid, c.k.aslr ? PF_RANDOMIZE : 0,
    minflt, 0, 0, 0, utime, 0, 0, 0, 20, 0, p.threads.length, 0, ticks(p.startNs),
    live ? p.vm.sizeBytes : 0, m ? Math.floor(m.rssKb / 4) : 0, rsslim,
    perm(l.startCode, 1), perm(l.endCode, 1), perm(l.startStack, 0), 0, 0,
    low64(t.sigPnd | p.signals.shdPnd), low64(t.sigBlk), low64(p.signals.sigIgn), low64(p.signals.sigCgt),
    t.state === 'S' ? 1 : 0, 0, 0, p.exitSignal, 0, 0, 0, 0, 0, 0,
    perm(l.startData, 0), perm(l.endData, 0), perm(p.vm.brkStart, 0), perm(l.argStart, 0), perm(l.argEnd, 0), perm(l.envStart, 0), perm(l.envEnd, 0),
    p.zombie && permitted ? p.exitStatus : 0,
  ];
  return `${t.tid} (${c.thread ? t.comm : p.comm}) ${f.join(' ')}\n`;
}
