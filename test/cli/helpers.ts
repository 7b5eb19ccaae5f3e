// Runs the CLI in-process through `main()` with an injected CliIO, and writes temporary fixtures.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv; isTTY?: boolean; stderrIsTTY?: boolean } = {}): CliRun {
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

/** A temporary folder with the given files (path → content). */
export function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-lint-cli-'));
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
  return dir;
}

/** A VirtualService in `shop` whose gateways are listed as given (one finding per unknown one). */
export function virtualService(name: string, gateways: string[], extraMeta = ''): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
  namespace: shop
${extraMeta}spec:
  hosts: [${name}.example.com]
  gateways:
${gateways.map((g) => `  - ${g}\n`).join('')}  http:
  - route:
    - destination:
        host: ${name}
`;
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
