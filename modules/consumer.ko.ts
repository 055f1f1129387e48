// consumer: uses provider's exported symbols (depends: ['provider']) and
// shows the result in /proc/consumer.
import type { Kernel, ModuleDefinition } from '../core/kernel/module/api.js';

const mod: ModuleDefinition = {
  name: 'consumer',
  description: 'Uses symbols exported by provider',
  license: 'GPL',
  version: '1.0',
  depends: ['provider'],
  init(k: Kernel) {
    const scale = k.symbol('provider_scale') as ((x: number) => number) | undefined;
    const version = k.symbol('provider_version');
    if (typeof scale !== 'function') return -k.errno.ENOENT;
    k.printk('info', `consumer: provider ${String(version)} scales 14 to ${scale(14)}`);
    return k.procCreate('consumer', { read: () => `scale(14) = ${scale(14)}\nprovider ${String(version)}\n` });
  },
};
export default mod;
