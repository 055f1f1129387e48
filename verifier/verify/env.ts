// Shared context of one verification (Linux's bpf_verifier_env): the program,
// its type and maps, the options, the control-flow facts of pass 1, and the
// counters and log of pass 2. The checks in check.ts, mem.ts and calls.ts all
// take the Env; a rejection is raised as a VerifyError and becomes the result.
import type { Insn } from '../isa.js';
import type { MapDef } from '../maps/types.js';
import type { ProgType } from '../progtypes.js';
import type { Cfg } from './cfg.js';
import { type ErrorCode, VerifyError } from './errors.js';
import type { Checkpoint, State } from './state.js';

export const COMPLEXITY_LIMIT = 1_000_000;
export const MAX_PENDING = 8192;
/** Largest variable offset a pointer may carry (Linux BPF_MAX_VAR_OFF). */
export const MAX_VAR_OFF = 1 << 29;

export interface VerifyOptions {
  /** Program type: Linux id, name ('xdp', 'kprobe', ...) or the ProgType itself. */
  readonly progType: ProgType | number | string;
  /** Maps by the fd an lddw (src=1 or 2) names in its imm. */
  readonly maps?: readonly MapDef[];
  /** Privileged (CAP_BPF/CAP_SYS_ADMIN) unless false: unprivileged mode forbids pointer leaks, loops and bpf-to-bpf calls. */
  readonly privileged?: boolean;
  /** 0: no log; 1: instructions on the explored paths; 2: plus register state after each. */
  readonly logLevel?: number;
  /** Processed-instruction limit (default 1,000,000). */
  readonly maxInsns?: number;
  /** Check alignment of map value and packet accesses too (stack and context are always checked). */
  readonly strictAlignment?: boolean;
}

export class Env {
  readonly privileged: boolean;
  readonly logLevel: number;
  readonly maxInsns: number;
  readonly strict: boolean;
  readonly maps: readonly MapDef[];
  readonly visited: (Checkpoint[] | undefined)[];
  readonly pending: State[] = [];
  /** Every checkpoint by fingerprint (see check.ts), for finding equal states quickly. */
  readonly fpIndex = new Map<number, Checkpoint[]>();
  /** Deepest stack use seen per function. */
  readonly depth: number[];
  processed = 0;
  states = 0;
  peakStates = 0;
  private nextId = 0;
  jmpsSinceCp = 0;
  insnsSinceCp = 0;
  private logLines: string[] = [];
  private logBytes = 0;

  constructor(readonly insns: readonly Insn[], readonly prog: ProgType, readonly cfg: Cfg, opts: VerifyOptions) {
    this.privileged = opts.privileged ?? true;
    this.logLevel = opts.logLevel ?? 0;
    this.maxInsns = opts.maxInsns ?? COMPLEXITY_LIMIT;
    this.strict = opts.strictAlignment ?? false;
    this.maps = opts.maps ?? [];
    this.visited = new Array(insns.length);
    this.depth = cfg.subprogs.map(() => 0);
  }

  /** Registers live after a call at `pc` returns (for caller frames in pruning). */
  readonly liveAt = (pc: number): number => this.cfg.live[pc] ?? 0;

  newId(): number { return ++this.nextId; }

  fail(code: ErrorCode, insn: number, message: string): never {
    throw new VerifyError(code, insn, message);
  }

  log(line: string): void {
    if (this.logBytes > 4 << 20) return;
    this.logLines.push(line);
    this.logBytes += line.length + 1;
  }

  get logText(): string { return this.logLines.join('\n'); }
}
