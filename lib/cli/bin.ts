import { exitOnUserError, UserError } from "../errors";

/** One command per file; each is loaded only when run, so `diff` never pays for `publish`. */
const COMMANDS: Readonly<Record<string, () => Promise<{ run: (args: string[]) => Promise<number> }>>> = {
  diff: () => import("./diff"),
  publish: () => import("./publish"),
  preflight: () => import("./deploy-preflight"),
};

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  const load = name === undefined ? undefined : COMMANDS[name];
  if (!load) {
    throw new UserError(
      `unknown command "${name ?? ""}". Commands: ${Object.keys(COMMANDS).join(", ")} (see \`cat help\`).`,
    );
  }
  const command = await load();
  process.exitCode = await command.run(args);
}

// Exit when the command is done: hcl-tools' Go WebAssembly runtime keeps a timer alive for ~1 s.
main(process.argv.slice(2)).then(() => process.exit(), exitOnUserError);
