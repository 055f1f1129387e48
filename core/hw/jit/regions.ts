// Loop regions for the translator (translate.ts): the blocks of a page, in
// address order, grouped into properly nested intervals [lo, hi] (block
// indices), one per backward branch from block hi to block lo. Each region
// becomes a wasm `loop` whose label is its head, so a loop that spans several
// blocks branches back directly instead of going through the page function's
// top-level br_table (and V8 sees a real, small loop to allocate registers
// for). Back edges whose intervals would cross an accepted one are left out
// (they still work, through the enclosing dispatch). Pure: no wasm here.

/** A region (or the whole page, `top`): blocks lo..hi, with its directly nested regions in address order. */
export interface Scope {
  lo: number;
  hi: number;
  parent: Scope | null;
  kids: Scope[];
}

export interface Scopes {
  top: Scope;
  /** Per block: the innermost scope containing it. */
  scopeOf: Scope[];
}

/** Builds the region tree for `k` blocks from the back edges [from, to] (to < from; self loops excluded). */
export function buildScopes(k: number, backEdges: [number, number][]): Scopes {
  const top: Scope = { lo: 0, hi: k - 1, parent: null, kids: [] };
  const cands: [number, number][] = [];
  for (const [from, to] of backEdges) {
    if (to < from && !cands.some(([a, b]) => a === to && b === from)) cands.push([to, from]);
  }
  // Smallest first: inner loops win over the outer loops they would cross.
  cands.sort((x, y) => (x[1] - x[0]) - (y[1] - y[0]) || x[0] - y[0]);
  const taken: [number, number][] = [];
  for (const [a, b] of cands) {
    const crosses = taken.some(([c, e]) => (c < a && a <= e && e < b) || (a < c && c <= b && b < e));
    if (!crosses) taken.push([a, b]);
  }
  // Insert outermost first; ties (same span) cannot happen after the dedup.
  taken.sort((x, y) => (y[1] - y[0]) - (x[1] - x[0]) || x[0] - y[0]);
  for (const [a, b] of taken) {
    let p = top;
    for (;;) {
      const q = p.kids.find((s) => s.lo <= a && b <= s.hi);
      if (q === undefined) break;
      p = q;
    }
    p.kids.push({ lo: a, hi: b, parent: p, kids: [] });
  }
  const scopeOf = new Array<Scope>(k).fill(top);
  const walk = (s: Scope) => {
    s.kids.sort((x, y) => x.lo - y.lo);
    for (let j = s.lo; j <= s.hi; j++) scopeOf[j] = s;
    for (const c of s.kids) walk(c);
  };
  walk(top);
  return { top, scopeOf };
}

/** The nested region of `s` that contains block `j`, or null when `j` is a plain block of `s`. */
export function kidOf(s: Scope, j: number): Scope | null {
  for (const c of s.kids) if (c.lo <= j && j <= c.hi) return c;
  return null;
}

/** The first block of the child of `s` (a nested region or a plain block) that contains block `j`. */
export function childStart(s: Scope, j: number): number {
  const c = kidOf(s, j);
  return c === null ? j : c.lo;
}

/** The children of `s` in order: their first blocks. */
export function children(s: Scope): number[] {
  const out: number[] = [];
  for (let j = s.lo; j <= s.hi;) {
    const c = kidOf(s, j);
    out.push(j);
    j = c === null ? j + 1 : c.hi + 1;
  }
  return out;
}
