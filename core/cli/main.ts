// The nodix command line: a table of subcommands, each in its own file under
// core/cli/, loaded on demand so that `nodix machine` never pays for the kernel
// and `nodix bpf` never pays for the hart. The command names and their flags are
// a contract that scripts depend on (README "Commands"): keep them stable.

export type CommandMain = (argv: string[]) => number | Promise<number>;

interface Command {
  readonly summary: string;
  /** Module path relative to this file; it exports `main: CommandMain`. */
  readonly module: string;
}

const commands: Record<string, Command> = {
  boot: { summary: 'boot the kernel to a shell on this terminal', module: './boot.js' },
  run: { summary: 'run one Linux riscv64 program and exit with its status', module: './run.js' },
  machine: { summary: 'run a bare-metal RISC-V ELF (HTIF exit code)', module: './machine.js' },
  bpf: { summary: 'eBPF tools: asm, disasm, run, verify, probe', module: './bpf.js' },
};

function usage(): string {
  const lines = ['usage: nodix COMMAND [ARGS...]', '', 'commands:'];
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)}${c.summary}`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const cmd = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (cmd === undefined) {
    console.error(`nodix: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  let mod: { main: CommandMain };
  try {
    // A computed specifier: each command module is type-checked on its own.
    const spec: string = cmd.module;
    mod = (await import(spec)) as { main: CommandMain };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') {
      console.error(`nodix: '${name}' is not available in this build`);
      return 2;
    }
    throw e;
  }
  return await mod.main(rest);
}
