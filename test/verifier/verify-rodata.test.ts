// Frozen read-only maps (.rodata as libbpf freezes it): constant-offset loads
// are known values, so configuration constants bound loops and prune branches;
// the same map without freezing (or writable) gives unknown values.
import test from 'ava';
import { assemble } from '../../verifier/asm.js';
import { BPF_F_RDONLY_PROG, type MapDef } from '../../verifier/maps/types.js';
import { verify } from '../../verifier/verify/index.js';

const src = `lddw %r1, map_value:0:0
ldxw %r2, [%r1+0]
jgt %r2, 8, bad
mov %r0, 0
exit
bad:
mov %r0, %r9
exit`;

const rodata = (frozen: boolean, flags = BPF_F_RDONLY_PROG): MapDef =>
  ({ type: 2, keySize: 4, valueSize: 4, maxEntries: 1, flags, name: '.rodata', frozen: frozen ? new Uint8Array([5, 0, 0, 0]) : undefined });

test('a frozen read-only value is a constant', (t) => {
  const a = assemble(src);
  if (!a.ok) { t.fail(a.error.message); return; }
  t.true(verify(a.value, { progType: 'kprobe', maps: [rodata(true)] }).ok);
});

test('not frozen, or writable by the program: unknown', (t) => {
  const a = assemble(src);
  if (!a.ok) { t.fail(a.error.message); return; }
  const r1 = verify(a.value, { progType: 'kprobe', maps: [rodata(false)] });
  const r2 = verify(a.value, { progType: 'kprobe', maps: [rodata(true, 0)] });
  t.false(r1.ok);
  t.false(r2.ok);
  if (!r1.ok) t.is(r1.code, 'E_UNINIT_REG');
});

test('writes into a read-only map value are refused', (t) => {
  const a = assemble('lddw %r1, map_value:0:0\nstw [%r1+0], 1\nmov %r0, 0\nexit');
  if (!a.ok) { t.fail(a.error.message); return; }
  const r = verify(a.value, { progType: 'kprobe', maps: [rodata(true)] });
  t.false(r.ok);
  if (!r.ok) t.is(r.code, 'E_BAD_MEM');
});
