// A minimal sysfs (mounted on /sys at boot): /sys/module/NAME/{refcnt,
// initstate, taint, version, holders/, parameters/PARAM} for each loaded module,
// as Linux lays them out. Parameter files are 0444 (module_param perm 0444).
import { Errno, isErrno } from '../../abi/errno.js';
import type { Kernel } from '../kernel.js';
import { isPath } from '../fs/vfs.js';
import { synthFsType, type SynthDir, type SynthNode } from './synthfs.js';
import { moduleTable, type LoadedModule } from './module.js';

export const SYSFS_MAGIC = 0x62656572;

const file = (read: () => string): SynthNode => ({ kind: 'file', read });
const dir = (entries: () => Record<string, SynthNode>): SynthDir => ({ kind: 'dir', entries });

function moduleDir(m: LoadedModule): SynthDir {
  return dir(() => ({
    refcnt: file(() => `${m.refs + m.holders.size}\n`),
    initstate: file(() => `${m.state === 'Live' ? 'live' : m.state === 'Loading' ? 'coming' : 'going'}\n`),
    taint: file(() => `${m.taints}\n`),
    ...(m.meta.version !== '' ? { version: file(() => `${m.meta.version}\n`) } : {}),
    holders: dir(() => Object.fromEntries([...m.holders].map((h) => [h, dir(() => ({}))]))),
    parameters: dir(() => Object.fromEntries(Object.entries(m.params).map(([key, v]) =>
      [key, file(() => `${typeof v === 'boolean' ? (v ? 'Y' : 'N') : String(v)}\n`)]))),
  }));
}

export function sysfsRoot(k: Kernel): SynthDir {
  return dir(() => ({
    module: dir(() => Object.fromEntries([...moduleTable(k).mods.values()].map((m) => [m.name, moduleDir(m)]))),
    kernel: dir(() => ({})),
  }));
}

/** Registers "sysfs" and mounts it on /sys (creating the directory). */
export function mountSysfs(k: Kernel): 0 | Errno {
  if (!k.vfs.types.has('sysfs')) k.vfs.registerFilesystem(synthFsType('sysfs', SYSFS_MAGIC, () => sysfsRoot(k)));
  k.rootfs.mkdirp('/sys');
  const vfs = k.vfs;
  const at = vfs.walk({ root: vfs.root, cred: null }, vfs.root, '/sys', true);
  if (!isPath(at)) return at;
  const r = vfs.mount(at, 'sysfs', 'sysfs', 0);
  return isErrno(r) ? r : 0;
}
