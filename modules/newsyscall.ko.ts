// newsyscall: adds syscall 500 (free in asm-generic's table), nodix_sum(a, b,
// buf, len): writes "a+b=SUM" into buf and returns SUM. Called by
// userland/src/modcall.c: `modcall 500 2 40`.
import type { Kernel, ModuleDefinition } from '../core/kernel/module/api.js';

export const NR_NODIX_SUM = 500;

const mod: ModuleDefinition = {
  name: 'newsyscall',
  description: 'Adds the nodix_sum syscall',
  license: 'GPL',
  version: '1.0',
  params: { nr: { type: 'int', default: NR_NODIX_SUM, description: 'syscall number' } },
  init(k: Kernel) {
    const nr = k.addSyscall(Number(k.params.nr), 'nodix_sum', (a, b, buf, len) => {
      const sum = a + b;
      if (buf !== 0) {
        const text = new TextEncoder().encode(`${a}+${b}=${sum}\0`);
        if (text.length > len) return -k.errno.ERANGE;
        const r = k.copyOut(buf, text);
        if (r < 0) return r;
      }
      return sum;
    });
    if (nr < 0) return nr;
    k.printk('info', `newsyscall: nodix_sum is syscall ${nr}`);
    return 0;
  },
};
export default mod;
