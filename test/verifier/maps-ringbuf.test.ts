// The ring buffer: reserve/commit/discard, in-order consumption that stops at a
// busy record, wrap-around padding, and refusal when full.
import test from 'ava';
import { RingBuf, checkMapDef } from '../../verifier/maps/index.js';

const def = { type: 27, keySize: 0, valueSize: 0, maxEntries: 128 };

test('definition: power of two, no key or value', (t) => {
  t.is(checkMapDef(def), null);
  t.truthy(checkMapDef({ ...def, maxEntries: 100 }));
  t.truthy(checkMapDef({ ...def, keySize: 4 }));
});

test('records are consumed in order; discarded ones are skipped; busy ones block', (t) => {
  const rb = new RingBuf(def);
  const a = rb.reserve(4);
  const b = rb.reserve(4);
  const c = rb.reserve(4);
  t.true(a > 0 && b > a && c > b);
  rb.data.set([1, 2, 3, 4], a);
  rb.data.set([9, 9, 9, 9], c);
  rb.commit(a, false);
  rb.commit(c, false);
  t.deepEqual(rb.consume().map((x) => [...x]), [[1, 2, 3, 4]], 'b is still busy');
  rb.commit(b, true);
  t.deepEqual(rb.consume().map((x) => [...x]), [[9, 9, 9, 9]]);
  t.deepEqual(rb.consume(), []);
});

test('full ring refuses, consumption frees space, records wrap with padding', (t) => {
  const rb = new RingBuf(def);
  t.is(rb.output(new Uint8Array(40).fill(1)), 0);
  t.is(rb.output(new Uint8Array(40).fill(2)), 0);
  t.is(rb.reserve(40), -12);
  t.is(rb.consume().length, 2);
  t.is(rb.output(new Uint8Array(40).fill(3)), 0);
  t.is(rb.output(new Uint8Array(40).fill(4)), 0);
  const got = rb.consume();
  t.deepEqual(got.map((x) => x[0]), [3, 4]);
  t.true(got.every((x) => x.length === 40));
  t.is(rb.reserve(0), -7);
  t.is(rb.reserve(100), -7);
});
