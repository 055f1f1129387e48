// The seam between the module loader and the host's code sandbox
// (core/host/sandbox.ts implements it with node:vm and TypeScript): the kernel
// imports no Node module, boot hands it a sandbox.

/** One loaded module's realm: its exports and the membrane into it. */
export interface ModuleRealm {
  /** The module's default export (its definition), as the realm holds it. */
  readonly exports: unknown;
  /** Converts a kernel value (primitive, bytes, plain object, array, function) into one of the realm. */
  inject(v: unknown): unknown;
  /** Deep-freezes a value of the realm (the API object). */
  freeze<T>(v: T): T;
  /** Calls a module function with kernel values converted into the realm. */
  call(fn: unknown, self: unknown, args: unknown[]): unknown;
}

export interface ModuleSandbox {
  /** TypeScript (or JavaScript) → JavaScript; a syntax error is reported, not thrown. */
  compile(source: string, filename: string): { js: string } | { error: string };
  /** Evaluates compiled code in a fresh realm; an exception at top level is reported. */
  load(js: string, filename: string): { realm: ModuleRealm } | { error: string };
}
