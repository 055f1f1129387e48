// System-wide /proc files (Linux fs/proc/{meminfo,stat,uptime,loadavg,
// version,cmdline,devices,interrupts}.c, arch/riscv/kernel/cpu.c, mm/vmstat.c,
// kernel/kallsyms.c): one generator per file from systemSnapshot().
import { systemSnapshot, currentIds, type SystemSnapshot } from '../core/kernel/snapshot.js';
import { kallsyms } from '../core/kernel/ksyms.js';
import type { Kernel } from '../core/kernel/kernel.js';
import type { Ctx } from './node.js';
import { hex, kbLine, secs2, ticks } from './format.js';

/** uname's release and version as the syscall reports them (core/syscalls/misc.ts; a test keeps them equal). */
export const UTS_RELEASE = '6.1.0-nodix', UTS_VERSION = '#1 SMP PREEMPT nodix';
export const ISA = 'rv64imafdc_zicsr_zifencei';

export function meminfo(c: Ctx): string {
  const s = systemSnapshot(c.k);
  const total = s.memTotalBytes / 1024, free = s.memFreeBytes / 1024;
  const used = total - free;
  const lines: [string, number][] = [
    ['MemTotal', total], ['MemFree', free], ['MemAvailable', free], ['Buffers', 0], ['Cached', 0], ['SwapCached', 0],
    ['Active', used], ['Inactive', 0], ['Active(anon)', used], ['Inactive(anon)', 0], ['Active(file)', 0], ['Inactive(file)', 0],
    ['Unevictable', 0], ['Mlocked', 0], ['SwapTotal', 0], ['SwapFree', 0], ['Zswap', 0], ['Zswapped', 0], ['Dirty', 0], ['Writeback', 0],
    ['AnonPages', used], ['Mapped', 0], ['Shmem', 0], ['KReclaimable', 0], ['Slab', 0], ['SReclaimable', 0], ['SUnreclaim', 0],
    ['KernelStack', 0], ['PageTables', 0], ['SecPageTables', 0], ['NFS_Unstable', 0], ['Bounce', 0], ['WritebackTmp', 0],
    ['CommitLimit', total], ['Committed_AS', used], ['VmallocTotal', 67108863], ['VmallocUsed', 0], ['VmallocChunk', 0], ['Percpu', 0],
    ['AnonHugePages', 0], ['ShmemHugePages', 0], ['ShmemPmdMapped', 0], ['FileHugePages', 0], ['FilePmdMapped', 0],
  ];
  let o = lines.map(([k, v]) => kbLine(k, v)).join('');
  for (const k of ['HugePages_Total', 'HugePages_Free', 'HugePages_Rsvd', 'HugePages_Surp']) o += `${(k + ':').padEnd(16)}${'0'.padStart(8)}\n`;
  o += kbLine('Hugepagesize', 2048) + kbLine('Hugetlb', 0);
  return o;
}

/** arch/riscv/kernel/cpu.c c_show: one hart. */
export function cpuinfo(): string {
  return `processor\t: 0\nhart\t\t: 0\nisa\t\t: ${ISA}\nmmu\t\t: sv39\nuarch\t\t: nodix,rv64gc\n`
    + `mvendorid\t: 0x0\nmarchid\t\t: 0x0\nmimpid\t\t: 0x0\nhart isa\t: ${ISA}\n\n`;
}

/** The hart's time split: user (everything a task ran), idle (the rest of the uptime). */
function cpuTicks(s: SystemSnapshot): number[] {
  const user = ticks(s.busyNs), idle = Math.max(0, ticks(s.uptimeNs) - user);
  return [user, 0, 0, idle, 0, 0, 0, 0, 0, 0];
}

/** Interrupt sources as Linux riscv lists them: [irq, chip, hwirq, name, count]. */
function irqSources(s: SystemSnapshot): [number, string, number, string, number][] {
  return [[5, 'RISC-V INTC', 5, 'riscv-timer', s.interrupts.timer], [10, 'SiFive PLIC', 10, 'ttyS0', s.interrupts.uart]];
}

export function stat(c: Ctx): string {
  const s = systemSnapshot(c.k);
  const cpu = cpuTicks(s).join(' ');
  const irqs = irqSources(s);
  const perIrq = new Array<number>(16).fill(0);
  for (const [n, , , , count] of irqs) perIrq[n] = count;
  const total = perIrq.reduce((a, b) => a + b, 0) + s.interrupts.soft;
  const btime = Math.floor((s.realtimeNs - s.uptimeNs) / 1e9);
  return `cpu  ${cpu}\ncpu0 ${cpu}\nintr ${total} ${perIrq.join(' ')}\nctxt ${s.contextSwitches}\nbtime ${btime}\n`
    + `processes ${s.forks}\nprocs_running ${s.running}\nprocs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n`;
}

export function interrupts(c: Ctx): string {
  const s = systemSnapshot(c.k);
  let o = `${''.padStart(11)}CPU0       \n`;
  for (const [n, chip, hw, name, count] of irqSources(s)) o += `${String(n).padStart(3)}: ${String(count).padStart(10)}  ${chip.padStart(8)} ${String(hw).padStart(3)} ${'Edge'.padEnd(8)}  ${name}\n`;
  const ipis = ['Rescheduling interrupts', 'Function call interrupts', 'CPU stop interrupts', 'CPU stop (for crash dump) interrupts', 'IRQ work interrupts', 'Timer broadcast interrupts'];
  ipis.forEach((name, i) => { o += `IPI${i}:${String(i === 0 ? s.interrupts.soft : 0).padStart(10)}  ${name}\n`; });
  return o;
}

export function uptime(c: Ctx): string {
  const s = systemSnapshot(c.k);
  return `${secs2(s.uptimeNs)} ${secs2(Math.max(0, s.uptimeNs - s.busyNs))}\n`;
}

/** Load averages: exponentially decayed run-queue length, sampled whenever someone reads /proc/loadavg (5 s steps as Linux). */
const loads = new WeakMap<Kernel, { at: number; avg: [number, number, number] }>();
export function loadavg(c: Ctx): string {
  const s = systemSnapshot(c.k);
  const st = loads.get(c.k) ?? { at: 0, avg: [0, 0, 0] as [number, number, number] };
  const steps = Math.min(1000, Math.floor((s.uptimeNs - st.at) / 5e9));
  const n = s.running;
  for (let i = 0; i < steps; i++) {
    st.avg = [st.avg[0] * Math.exp(-5 / 60) + n * (1 - Math.exp(-5 / 60)), st.avg[1] * Math.exp(-5 / 300) + n * (1 - Math.exp(-5 / 300)), st.avg[2] * Math.exp(-5 / 900) + n * (1 - Math.exp(-5 / 900))];
  }
  if (steps > 0) st.at += steps * 5e9;
  loads.set(c.k, st);
  const f = (x: number): string => x.toFixed(2);
  return `${f(st.avg[0])} ${f(st.avg[1])} ${f(st.avg[2])} ${s.running}/${s.threads} ${s.lastPid}\n`;
}

export const version = (): string => `Linux version ${UTS_RELEASE} (nodix@nodix) (TypeScript on Node.js) ${UTS_VERSION}\n`;

export const cmdline = (): string => 'console=ttyS0 root=tmpfs rw\n';

export function filesystems(c: Ctx): string {
  return systemSnapshot(c.k).filesystems.map((f) => `${f.nodev ? 'nodev' : ''}\t${f.name}\n`).join('');
}

export function devices(c: Ctx): string {
  const chr = systemSnapshot(c.k).chrdevs.map((d) => `${String(d.major).padStart(3)} ${d.name}\n`).join('');
  return `Character devices:\n${chr}\nBlock devices:\n`;
}

export function vmstat(c: Ctx): string {
  const s = systemSnapshot(c.k);
  const free = s.memFreeBytes / 4096, used = (s.memTotalBytes - s.memFreeBytes) / 4096;
  const faults = s.pageFaults;
  const rows: [string, number][] = [
    ['nr_free_pages', free], ['nr_zone_inactive_anon', 0], ['nr_zone_active_anon', used], ['nr_zone_inactive_file', 0], ['nr_zone_active_file', 0],
    ['nr_zone_unevictable', 0], ['nr_zone_write_pending', 0], ['nr_mlock', 0], ['nr_zspages', 0], ['nr_free_cma', 0],
    ['nr_inactive_anon', 0], ['nr_active_anon', used], ['nr_inactive_file', 0], ['nr_active_file', 0], ['nr_unevictable', 0],
    ['nr_anon_pages', used], ['nr_mapped', 0], ['nr_file_pages', 0], ['nr_dirty', 0], ['nr_writeback', 0], ['nr_shmem', 0],
    ['pgpgin', 0], ['pgpgout', 0], ['pswpin', 0], ['pswpout', 0], ['pgfault', faults], ['pgmajfault', 0],
  ];
  return rows.map(([k, v]) => `${k} ${v}\n`).join('');
}

export const swaps = (): string => 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n';

/** What /proc/modules shows of one module (the module table's snapshot). */
export interface ModuleLine {
  readonly name: string; readonly size: number; readonly refcount: number; readonly deps: readonly string[];
  readonly state: string; readonly address: number | bigint; readonly taints: string;
}

/**
 * m_show: "name size refcount users, state 0xaddress (taints)" — users as "a,b," or "-",
 * state Live/Loading/Unloading, the address zero for non-root (kptr_restrict), taints
 * in parentheses when the module has any.
 */
export function formatModules(mods: readonly ModuleLine[], root: boolean): string {
  const state = (s: string): string => (/^unload/i.test(s) ? 'Unloading' : /^(load|coming)/i.test(s) ? 'Loading' : 'Live');
  return mods.map((m) => {
    const users = m.deps.length > 0 ? m.deps.map((d) => d + ',').join('') : '-';
    const addr = root ? hex(BigInt.asUintN(64, BigInt(m.address)), 16) : '0000000000000000';
    const taints = m.taints && m.taints !== 'G' ? ` (${m.taints})` : '';
    return `${m.name} ${m.size} ${m.refcount} ${users} ${state(m.state)} 0x${addr}${taints}\n`;
  }).join('');
}

/** Where /proc/modules gets its list (the module loader installs its snapshot function). */
export const moduleSource: { list: ((k: Kernel) => readonly ModuleLine[]) | null } = { list: null };

export function modules(c: Ctx): string {
  const who = c.who ?? currentIds(c.k);
  return formatModules(moduleSource.list?.(c.k) ?? [], who === null || who.euid === 0);
}

/** kallsyms: "%px %c %s" (+ "\t[module]"); addresses read as zero unless the reader is root (kptr_restrict 1). */
export function kallsymsText(c: Ctx): string {
  const who = c.who ?? currentIds(c.k);
  const root = who === null || who.euid === 0;
  return kallsyms(c.k).map((s) => `${root ? hex(s.addr, 16) : '0000000000000000'} ${s.type} ${s.name}${s.module ? `\t[${s.module}]` : ''}\n`).join('');
}
