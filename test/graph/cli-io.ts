// Runs the CLI in-process with captured output.
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(argv: string[]): CliRun {
  let stdout = '';
  let stderr = '';
  const code = main(argv, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    readStdin: () => '',
    isTTY: false,
    env: {},
  });
  return { code, stdout, stderr };
}
