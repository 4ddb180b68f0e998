// What a CLI command gets and how it is declared.
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

/** Runs with the arguments after its name; resolves to the exit code. */
export type Command = (args: string[], io: CliIo) => Promise<number>;

export interface CommandSpec {
  run: Command;
  /** One usage line, e.g. 'info --db PATH [--json]', and what it does, in Chinese. */
  usage: string;
  help: string;
}
