// hellofs: a filesystem type. `mount -t hellofs none /mnt` shows a small
// read-only tree whose files are generated when read (README, uptime/ms,
// mounts/count).
import type { Kernel, ModuleDefinition } from '../core/kernel/module/api.js';

let mounts = 0;

const mod: ModuleDefinition = {
  name: 'hellofs',
  description: 'A synthetic filesystem',
  license: 'GPL',
  version: '1.0',
  init(k: Kernel) {
    const born = Date.now();
    return k.registerFilesystem('hellofs', () => {
      mounts++;
      return {
        README: { read: () => 'hellofs: a filesystem from a module\n' },
        stats: {
          mounts: { read: () => `${mounts}\n` },
          alive: { read: () => `${Date.now() >= born ? 'yes' : 'no'}\n` },
        },
      };
    });
  },
};
export default mod;
