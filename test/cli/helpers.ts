// CLI test helpers: runCli spawns the built binary (npm test builds first) as a user would;
// cli() calls main() in-process with an injected CliIO. tempTree writes temporary fixtures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    // spawnSync kills the child once stdout passes maxBuffer (default 1 MiB): a SARIF report of
    // a generated folder can be larger, which showed up as a status of null.
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary folder with the given files (relative path → content). */
export function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-lint-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return dir;
}

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv; isTTY?: boolean; stderrIsTTY?: boolean } = {}): InProcessRun {
  let stdout = '';
  let stderr = '';
  const code = main(args, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    readStdin: () => opts.stdin ?? '',
    isTTY: opts.isTTY ?? false,
    stderrIsTTY: opts.stderrIsTTY ?? false,
    env: opts.env ?? {},
  });
  return { code, stdout, stderr };
}

/** A VirtualService in `shop` whose gateways are listed as given (one finding per unknown one; an entry starting with # is a comment line); no routes, so no host findings. */
export function virtualService(name: string, gateways: string[], extraMeta = ''): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
  namespace: shop
${extraMeta}spec:
  hosts: [${name}.example.com]
  gateways:
${gateways.map((g) => (g.startsWith('#') ? `  ${g}\n` : `  - ${g}\n`)).join('')}`;
}

export const GATEWAY = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
  namespace: istio-system
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*/*.example.com"]
`;
