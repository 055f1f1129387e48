// hello: the smallest module — typed parameters and printk at load and unload.
//   insmod hello.ko.ts greeting=hi times=2
import type { Kernel, ModuleDefinition } from '../core/kernel/module/api.js';

const hello: ModuleDefinition = {
  name: 'hello',
  description: 'Says hello in the kernel log',
  author: 'nodix',
  license: 'GPL',
  version: '1.0',
  depends: [],
  params: {
    greeting: { type: 'string', default: 'hello', description: 'what to say' },
    times: { type: 'int', default: 1, description: 'how many times' },
    loud: { type: 'bool', default: false, description: 'shout' },
  },
  init(k: Kernel) {
    const g = String(k.params.greeting);
    for (let i = 0; i < Number(k.params.times); i++) k.printk('info', `hello: ${k.params.loud ? g.toUpperCase() : g}, world`);
    return 0;
  },
  exit(k: Kernel) {
    k.printk('info', 'hello: goodbye');
  },
};
export default hello;
