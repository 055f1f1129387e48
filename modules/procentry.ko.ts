// procentry: /proc/hello_counter. Reading it shows how often it was read and
// the last value written; writing a number sets the counter (root only: 0644).
import type { Kernel, ModuleDefinition } from '../core/kernel/module/api.js';

let reads = 0;
let value = 0;

const mod: ModuleDefinition = {
  name: 'procentry',
  description: 'A /proc entry with a reader and a writer',
  license: 'GPL',
  version: '1.0',
  init(k: Kernel) {
    return k.procCreate('hello_counter', {
      read() { reads++; return `reads ${reads}\nvalue ${value}\n`; },
      write(text: string) {
        const n = Number(text.trim());
        if (!Number.isInteger(n)) return -k.errno.EINVAL;
        value = n;
        return 0;
      },
    });
  },
};
export default mod;
