// Renders the syscall table as docs/syscalls.md (the compatibility list).
// test/kernel/syscalls-doc.test.ts fails when the committed file is stale;
// `NODIX_UPDATE_DOCS=1 npx ava test/kernel/syscalls-doc.test.ts` regenerates it.
import type { SyscallSpec } from '../kernel/syscall.js';
import { syscallTable } from './table.js';

export function renderSyscallDocs(table: readonly SyscallSpec[] = syscallTable): string {
  const count = (s: string) => table.filter((x) => x.status === s).length;
  const lines = [
    '# Linux riscv64 syscalls in nodix',
    '',
    'Generated from `core/syscalls/table.ts` by `core/syscalls/docs.ts`; do not edit by hand.',
    `${count('supported')} supported, ${count('partial')} partial, ${count('enosys')} return ENOSYS.`,
    '',
    '| nr | name | status | note |',
    '| ---: | --- | --- | --- |',
  ];
  for (const s of table) lines.push(`| ${s.nr} | ${s.name} | ${s.status} | ${s.note.replace(/\|/g, '\\|')} |`);
  return lines.join('\n') + '\n';
}

