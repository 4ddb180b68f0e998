// The name the writer lock shows for this process (桌面程序, 浏览器方式, ledger 命令 …), set once by each
// door at start. A module of its own, without SQLite, so that `ledger help` loads nothing heavy.
let programName = 'ledger 命令或测试';

export function setLockProgram(name: string): void {
  programName = name;
}

export function lockProgram(): string {
  return programName;
}
