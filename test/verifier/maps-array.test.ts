// Array-family maps: definition checks, in-place values, flags, per-CPU copies,
// and the reference arrays used by tail calls and perf events.
import test from 'ava';
import { ArrayMap, RefArrayMap, createMap, checkMapDef, BPF_ANY, BPF_EXIST, BPF_NOEXIST } from '../../verifier/maps/index.js';

const key = (i: number): Uint8Array => new Uint8Array(new Uint32Array([i]).buffer);

test('definitions are validated like Linux', (t) => {
  t.is(checkMapDef({ type: 2, keySize: 4, valueSize: 8, maxEntries: 4 }), null);
  t.regex(checkMapDef({ type: 2, keySize: 8, valueSize: 8, maxEntries: 4 }) ?? '', /key_size 4/);
  t.regex(checkMapDef({ type: 2, keySize: 4, valueSize: 0, maxEntries: 4 }) ?? '', /value_size/);
  t.regex(checkMapDef({ type: 99, keySize: 4, valueSize: 4, maxEntries: 1 }) ?? '', /unsupported/);
  t.false(createMap({ type: 3, keySize: 4, valueSize: 8, maxEntries: 1 }).ok);
});

test('array elements exist from creation, zeroed, and are updated in place', (t) => {
  const r = createMap({ type: 2, keySize: 4, valueSize: 12, maxEntries: 3 });
  if (!r.ok) { t.fail(r.error); return; }
  const m = r.map;
  const v = m.lookup(key(2))!;
  t.deepEqual([...v], new Array(12).fill(0));
  v[0] = 9;
  t.is(m.lookup(key(2))![0], 9);
  t.is(m.lookup(key(3)), null);
  t.is(m.update(key(1), new Uint8Array(12).fill(7), BPF_ANY), 0);
  t.is(m.lookup(key(1))![11], 7);
  t.is(m.update(key(1), new Uint8Array(12), BPF_NOEXIST), -17);
  t.is(m.update(key(1), new Uint8Array(12), BPF_EXIST), 0);
  t.is(m.update(key(5), new Uint8Array(12), BPF_ANY), -7);
  t.is(m.delete(key(1)), -22);
  t.deepEqual(m.getNextKey(null), key(0));
  t.deepEqual(m.getNextKey(key(1)), key(2));
  t.is(m.getNextKey(key(2)), null);
});

test('per-CPU arrays keep one copy per CPU', (t) => {
  const m = new ArrayMap({ type: 6, keySize: 4, valueSize: 8, maxEntries: 2 }, 2);
  m.cpu = 0; m.lookup(key(0))![0] = 1;
  m.cpu = 1; m.lookup(key(0))![0] = 2;
  m.cpu = 0;
  t.is(m.lookup(key(0))![0], 1);
  m.cpu = 1;
  t.is(m.lookup(key(0))![0], 2);
});

test('prog arrays hold ids set from user space', (t) => {
  const m = new RefArrayMap({ type: 3, keySize: 4, valueSize: 4, maxEntries: 4 });
  t.is(m.get(1), null);
  t.is(m.update(key(1), key(42)), 0);
  t.is(m.get(1), 42);
  t.is(m.lookup(), null);
  t.is(m.delete(key(1)), 0);
  t.is(m.delete(key(1)), -2);
  t.is(m.update(key(9), key(1)), -7);
});
