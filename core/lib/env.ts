// Reads a host environment variable without assuming a Node host: core/ must run
// where `process` does not exist (a browser), so switches such as NODIX_JIT are
// looked up through globalThis and read as unset elsewhere.

type MaybeProcess = { process?: { env?: Record<string, string | undefined> } };

/** The value of environment variable `name`, or undefined (also when there is no environment). */
export function hostEnv(name: string): string | undefined {
  return (globalThis as MaybeProcess).process?.env?.[name];
}
