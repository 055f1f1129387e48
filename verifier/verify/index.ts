// The verifier's entry point: verify(program, options) runs pass 1 (control
// flow) and pass 2 (every path) and returns a typed result — accepted with
// statistics, or rejected with the instruction, a stable code, a message, a
// one-line hint and the log. Malformed bytes are refused by isa.ts's decoder.
import { type Insn, type IsaError, checkInsn, checkJumps, decodeProgram } from '../isa.js';
import { type ProgType, progTypeById, progTypeByName } from '../progtypes.js';
import { buildCfg } from './cfg.js';
import { doCheck } from './check.js';
import { Env, type VerifyOptions } from './env.js';
import { type ErrorCode, VerifyError, hintOf } from './errors.js';

export type { VerifyOptions } from './env.js';
export { COMPLEXITY_LIMIT } from './env.js';
export { ERRORS, type ErrorCode } from './errors.js';

export interface VerifyStats {
  /** Instructions processed over all paths (Linux's "processed N insns"). */
  readonly processed: number;
  /** Checkpoints stored for pruning. */
  readonly states: number;
  /** Most pending branches at once. */
  readonly peakStates: number;
  /** Stack depth per function, in bytes. */
  readonly stackDepth: readonly number[];
  readonly subprogs: number;
  readonly log: string;
}

export type VerifyResult =
  | { ok: true; stats: VerifyStats }
  | { ok: false; insn: number; code: ErrorCode; message: string; hint: string; log: string };

function resolveType(t: VerifyOptions['progType']): ProgType | undefined {
  if (typeof t === 'number') return progTypeById(t);
  if (typeof t === 'string') return progTypeByName(t);
  return t;
}

const reject = (code: ErrorCode, insn: number, message: string, log = ''): VerifyResult =>
  ({ ok: false, insn, code, message, hint: hintOf(code), log: log === '' ? `${insn}: ${message}` : `${log}\n${message}` });

function isaReject(e: IsaError): VerifyResult {
  const code: ErrorCode = e.kind === 'jump-out-of-range' ? 'E_JUMP_OUT_OF_RANGE' : e.kind === 'jump-into-lddw' ? 'E_JUMP_INTO_LDDW' : 'E_MALFORMED';
  return reject(code, e.index, e.message);
}

/** Verifies a program given as bytes or as decoded instructions (one per slot, as decode() returns). */
export function verify(program: Uint8Array | readonly Insn[], opts: VerifyOptions): VerifyResult {
  const prog = resolveType(opts.progType);
  if (prog === undefined) return reject('E_BAD_PROG_TYPE', 0, `unknown program type ${String(opts.progType)}`);
  if (opts.privileged === false && !prog.unprivileged) {
    return reject('E_BAD_PROG_TYPE', 0, `program type ${prog.name} requires privileges`);
  }
  let insns: readonly Insn[];
  if (program instanceof Uint8Array) {
    const d = decodeProgram(program);
    if (!d.ok) return isaReject(d.error);
    insns = d.value;
  } else {
    insns = program;
    for (let pc = 0; pc < insns.length; pc++) {
      if (pc > 0 && insns[pc - 1].opcode === 0x18) continue;
      const e = checkInsn(insns[pc], pc);
      if (e !== null) return isaReject(e);
    }
    const e = checkJumps(insns);
    if (e !== null) return isaReject(e);
  }
  if (insns.length > 1_000_000) return reject('E_TOO_COMPLEX', 0, `program of ${insns.length} insns is too large (at most 1000000)`);
  let env: Env | null = null;
  try {
    const cfg = buildCfg(insns, opts.privileged ?? true);
    env = new Env(insns, prog, cfg, opts);
    doCheck(env);
    const depth = combinedStackDepth(env);
    if (depth.total > 512) {
      return reject('E_STACK_DEPTH', depth.at, `combined stack size of ${depth.frames} calls is ${depth.total}. Too large`, env.logText);
    }
    return {
      ok: true,
      stats: {
        processed: env.processed, states: env.states, peakStates: env.peakStates, stackDepth: env.depth.slice(),
        subprogs: cfg.subprogs.length, log: env.logText,
      },
    };
  } catch (e) {
    if (e instanceof VerifyError) return reject(e.code, e.insn, e.message, env?.logText ?? '');
    throw e;
  }
}

/** The deepest chain of calls, summing each function's stack rounded up to 32 bytes (as Linux does). */
function combinedStackDepth(env: Env): { total: number; frames: number; at: number } {
  const { callees, subprogs } = env.cfg;
  const r32 = (n: number): number => (n + 31) & ~31;
  const memo = new Map<number, [number, number]>();
  const walk = (s: number, seen: Set<number>): [number, number] => {
    const m = memo.get(s);
    if (m !== undefined) return m;
    let best: [number, number] = [0, 0];
    for (const c of callees[s]) {
      if (seen.has(c)) continue;
      seen.add(c);
      const r = walk(c, seen);
      seen.delete(c);
      if (r[0] > best[0]) best = r;
    }
    const out: [number, number] = [r32(env.depth[s]) + best[0], best[1] + 1];
    memo.set(s, out);
    return out;
  };
  const [total, frames] = walk(0, new Set([0]));
  return { total: subprogs.length === 1 ? env.depth[0] : total, frames, at: 0 };
}
