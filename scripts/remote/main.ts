// The bundled command line for pipelines (npm run build:cli → dist/countersign.mjs): only the
// commands that talk to the API, so a CI job needs node and the one file, not this repository.
import { Command, CommanderError } from "commander";
import { EXIT, registerRemoteCommands } from "./commands.ts";

const program = new Command("countersign")
  .description("Countersign for pipelines: submit a change, ask the deploy gate")
  .exitOverride();
registerRemoteCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : EXIT.usage);
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(EXIT.usage);
}
