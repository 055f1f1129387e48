// The nodix command line: a table of subcommands, each in its own file under
// core/cli/, loaded on demand so that `nodix machine` never pays for the kernel
// and `nodix bpf` never pays for the hart. The command names and their flags are
// a contract that scripts depend on (README "Commands"): keep them stable.
// Each command's import is a literal `import('./x.js')` so that the bundler
// (bin/build-bundle.js) follows it; in the bundle it is a lazy initializer.

export type CommandMain = (argv: string[]) => number | Promise<number>;

interface Command {
  readonly summary: string;
  /** Loads the command's module, which exports `main: CommandMain`. */
  readonly load: () => Promise<{ main: CommandMain }>;
}

const commands: Record<string, Command> = {
  boot: { summary: 'boot the kernel to a shell on this terminal', load: () => import('./boot.js') },
  run: { summary: 'run one Linux riscv64 program and exit with its status', load: () => import('./run.js') },
  machine: { summary: 'run a bare-metal RISC-V ELF (HTIF exit code)', load: () => import('./machine.js') },
  bpf: { summary: 'eBPF tools: asm, disasm, run, verify, probe', load: () => import('./bpf.js') },
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
    mod = await cmd.load();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') {
      console.error(`nodix: '${name}' is not available in this build`);
      return 2;
    }
    throw e;
  }
  return await mod.main(rest);
}
