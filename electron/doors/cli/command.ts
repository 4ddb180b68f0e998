// What a CLI command gets and how it is registered.
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

/** Runs with the arguments after its name; resolves to the exit code. */
export type Command = (args: string[], io: CliIo) => Promise<number>;

/**
 * One line of the registry. Usage and help live here, not in the command's file, so that `ledger help`
 * lists every command without loading any of them (the ledger, zod and Kysely cost more than the 0.3 s
 * the whole `help` may take).
 */
export interface CommandEntry {
  /** One usage line, e.g. 'info --db PATH [--json]'. */
  usage: string;
  /** What it does, in Chinese. */
  help: string;
  load: () => Promise<{ run: Command }>;
}
