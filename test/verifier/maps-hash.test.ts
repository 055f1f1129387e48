// Hash-family maps: insert/update flags, capacity, delete, iteration order, LRU
// eviction and per-CPU values.
import test from 'ava';
import { HashMap, createMap, BPF_ANY, BPF_EXIST, BPF_NOEXIST } from '../../verifier/maps/index.js';

const k = (s: string): Uint8Array => new TextEncoder().encode(s.padEnd(4, '\0'));
const v = (n: number): Uint8Array => new Uint8Array([n, 0, 0, 0, 0, 0, 0, 0]);

test('insert, lookup, update flags and delete', (t) => {
  const r = createMap({ type: 1, keySize: 4, valueSize: 8, maxEntries: 2 });
  if (!r.ok) { t.fail(r.error); return; }
  const m = r.map;
  t.is(m.lookup(k('a')), null);
  t.is(m.update(k('a'), v(1), BPF_EXIST), -2);
  t.is(m.update(k('a'), v(1), BPF_NOEXIST), 0);
  t.is(m.update(k('a'), v(2), BPF_NOEXIST), -17);
  t.is(m.update(k('a'), v(3), BPF_ANY), 0);
  t.is(m.lookup(k('a'))![0], 3);
  t.is(m.update(k('b'), v(4), BPF_ANY), 0);
  t.is(m.update(k('c'), v(5), BPF_ANY), -7, 'full');
  t.is(m.update(k('a'), v(6), 9), -22, 'bad flags');
  t.is(m.delete(k('a')), 0);
  t.is(m.delete(k('a')), -2);
  t.is(m.update(k('c'), v(5), BPF_ANY), 0);
});

test('get_next_key walks every key once, restarting for an absent key', (t) => {
  const m = new HashMap({ type: 1, keySize: 4, valueSize: 8, maxEntries: 8 });
  for (const s of ['x', 'y', 'z']) m.update(k(s), v(0), BPF_ANY);
  const seen: string[] = [];
  for (let key = m.getNextKey(null); key !== null; key = m.getNextKey(key)) seen.push(String.fromCharCode(key[0]));
  t.deepEqual(seen.sort(), ['x', 'y', 'z']);
  t.deepEqual(m.getNextKey(k('q')), m.getNextKey(null));
});

test('LRU hash evicts the least recently used element', (t) => {
  const m = new HashMap({ type: 9, keySize: 4, valueSize: 8, maxEntries: 2 }, 1, true);
  m.update(k('a'), v(1), BPF_ANY);
  m.update(k('b'), v(2), BPF_ANY);
  m.lookup(k('a'));
  t.is(m.update(k('c'), v(3), BPF_ANY), 0);
  t.is(m.lookup(k('b')), null);
  t.is(m.lookup(k('a'))![0], 1);
  t.is(m.lookup(k('c'))![0], 3);
});

test('per-CPU hash values are separate', (t) => {
  const m = new HashMap({ type: 5, keySize: 4, valueSize: 8, maxEntries: 2 }, 2);
  m.cpu = 0; m.update(k('a'), v(1), BPF_ANY);
  m.cpu = 1; t.is(m.lookup(k('a'))![0], 0);
  m.update(k('a'), v(7), BPF_ANY);
  m.cpu = 0; t.is(m.lookup(k('a'))![0], 1);
});
