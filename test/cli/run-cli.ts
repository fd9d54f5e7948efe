/** Runs the CLI as a user would (`tsx src/cli/main.ts …`) and captures its exit code and output. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], timeout_ms = 120_000): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(tsx, ['src/cli/main.ts', ...args], { cwd: root, timeout: timeout_ms, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}
