// provider: exports two symbols — a function (provider_scale) and a value
// (provider_version) — for consumer.ko.ts. While consumer is loaded, provider
// is held (lsmod "Used by consumer"; rmmod provider fails with EWOULDBLOCK).
import type { Kernel, ModuleDefinition } from '../core/kernel/module/api.js';

const mod: ModuleDefinition = {
  name: 'provider',
  description: 'Exports symbols to other modules',
  license: 'GPL',
  version: '2.1',
  params: { factor: { type: 'int', default: 3, description: 'multiplier of provider_scale' } },
  init(k: Kernel) {
    const factor = Number(k.params.factor);
    k.exportSymbol('provider_scale', (x: number) => x * factor);
    k.exportSymbol('provider_version', '2.1');
    return 0;
  },
};
export default mod;
