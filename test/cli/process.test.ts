// The built binary as users run it: real stdin, config discovery from the working directory,
// the GitHub Action script, Microsoft's SARIF multitool, `npm pack` + `npx mesh-lint`, pre-commit.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, symlinkSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CLI, GATEWAY, ROOT, tempTree, virtualService } from './helpers.js';


function node(args: string[], opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, args, { cwd: opts.cwd ?? ROOT, input: opts.input ?? '', encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// These tests run the compiled CLI: `npm test` (or `npm run build`) builds it first. Building here
// would rewrite dist/ under the other test files that spawn it.

describe('the binary', () => {
  it('reads stdin and names it with --stdin-filepath', () => {
    const r = node([CLI, '-', '--stdin-filepath', 'k8s/vs.yaml', '-f', 'json', '--no-config'], { input: virtualService('cart', ['edge']) });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].location).toMatchObject({ file: 'k8s/vs.yaml', startLine: 9 });
  });
  it('finds .mesh-lint.yaml from the working directory upward', () => {
    const dir = tempTree({ '.mesh-lint.yaml': 'rules: {istio-vs-gateway-not-found: warning}\n', 'apps/shop/vs.yaml': virtualService('cart', ['edge']) });
    const r = node([CLI, '.', '-f', 'json'], { cwd: join(dir, 'apps', 'shop') });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings[0]).toMatchObject({ severity: 'warning', location: { file: 'vs.yaml' } });
    expect(node([CLI, '.', '-f', 'json', '--no-config'], { cwd: join(dir, 'apps', 'shop') }).code).toBe(1);
  });
});

describe('helm template | mesh-lint - without --source-root', () => {
  it('finds the chart folder below the working directory', () => {
    const template = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: {{ .Release.Name }}\n  namespace: shop\nspec:\n  hosts: [cart.example.com]\n  gateways:\n  - {{ .Values.gateway }}\n';
    const dir = tempTree({ 'deploy/charts/shop/templates/vs.yaml': template, 'deploy/charts/shop/Chart.yaml': 'name: shop\n' });
    const rendered = `---\n# Source: shop/templates/vs.yaml\n${virtualService('prod', ['edge'])}`;
    const r = node([CLI, '-', '-f', 'json', '--no-config'], { cwd: join(dir, 'deploy'), input: rendered });
    expect(JSON.parse(r.stdout).findings[0].location).toMatchObject({ file: 'charts/shop/templates/vs.yaml', startLine: 9, startColumn: 3 });
  });
});

describe('kustomize build | mesh-lint - without --source-root', () => {
  it('resolves origin paths relative to the overlay they were built from', () => {
    const base = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: cart\nspec:\n  hosts: [cart.example.com]\n  gateways:\n  - mesh\n  - edge\n';
    const dir = tempTree({
      'base/vs.yaml': base,
      'base/kustomization.yaml': 'resources: [vs.yaml]\n',
      'overlays/prod/kustomization.yaml': 'resources: [../../base]\nnamespace: prod\nbuildMetadata: [originAnnotations]\n',
    });
    // What `kubectl kustomize overlays/prod` (v5.5) prints for it.
    const built = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  annotations:\n    config.kubernetes.io/origin: |\n      path: ../../base/vs.yaml\n  name: cart\n  namespace: prod\nspec:\n  gateways:\n  - mesh\n  - edge\n  hosts:\n  - cart.example.com\n';
    const r = node([CLI, '-', '-f', 'json', '--no-config'], { cwd: dir, input: built });
    expect(JSON.parse(r.stdout).findings[0].location).toMatchObject({ file: 'base/vs.yaml', startLine: 9, startColumn: 3 });
  });
});

describe('SARIF and the Microsoft SARIF multitool', () => {
  it('has zero errors under --rule-kind "Gh;Sarif" with findings, suppressions and related locations', () => {
    const tool = join(ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');
    chmodSync(tool, 0o755); // npm may skip the package's postinstall chmod
    const dir = tempTree({
      'gw.yaml': GATEWAY,
      'shop/vs.yaml': virtualService('cart', ['public', 'missing']) + '---\n' + virtualService('pay', ['# mesh-lint-disable-next-line istio-vs-gateway-not-found -- external', 'gone']),
    });
    const sarif = join(dir, 'out.sarif');
    node([CLI, '.', '-f', 'sarif', '-o', sarif, '--no-config', '--suppress', 'IST0101=VirtualService nothing.shop'], { cwd: dir });
    const log = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(log.runs[0].results.length).toBe(3);
    expect(log.runs[0].results.some((r: { relatedLocations?: unknown[] }) => r.relatedLocations)).toBe(true);
    expect(log.runs[0].results.some((r: { suppressions?: unknown[] }) => r.suppressions)).toBe(true);
    const out = join(dir, 'validation.sarif');
    execFileSync(tool, ['validate', sarif, '--rule-kind', 'Gh;Sarif', '--output', out, '--log', 'ForceOverwrite'], { stdio: 'ignore', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
    const results = JSON.parse(readFileSync(out, 'utf8')).runs[0].results;
    expect(results.map((r: { ruleId: string; message: unknown }) => `${r.ruleId} ${JSON.stringify(r.message)}`)).toEqual([]);
  });
});

describe('GitHub Action', () => {
  it('declares the inputs the example workflow uses, on a supported Node runtime', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
    expect(action.runs).toEqual({ using: 'node24', main: 'action/main.mjs' });
    for (const name of ['paths', 'format', 'fail-on', 'config', 'sarif-file', 'sarif-category', 'args']) expect(action.inputs).toHaveProperty(name);
    const workflow = parse(readFileSync(join(ROOT, 'examples', 'github-workflow.yml'), 'utf8'));
    const steps = workflow.jobs['mesh-lint'].steps as Array<{ uses?: string; with?: Record<string, string>; if?: string }>;
    const lint = steps.find((s) => s.uses?.startsWith('mesh-lint/mesh-lint'))!;
    for (const k of Object.keys(lint.with ?? {})) expect(action.inputs, k).toHaveProperty(k);
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    expect(upload.with!.sarif_file).toBe(lint.with!['sarif-file']);
    expect(upload.if).toContain('always()');
    expect(workflow.permissions['security-events']).toBe('write');
  });

  it('writes SARIF even when findings fail the step, a job summary and outputs', () => {
    const dir = tempTree({ 'manifests/vs.yaml': virtualService('cart', ['edge']), 'manifests/gw.yaml': GATEWAY });
    const summary = join(dir, 'summary.md');
    const outputs = join(dir, 'outputs.txt');
    writeFileSync(summary, '# earlier step\n');
    const r = node([join(ROOT, 'action', 'main.mjs')], {
      cwd: dir,
      env: {
        INPUT_PATHS: 'manifests',
        INPUT_FORMAT: 'github',
        'INPUT_FAIL-ON': 'error',
        'INPUT_SARIF-FILE': 'mesh-lint.sarif',
        'INPUT_SARIF-CATEGORY': 'mesh-lint/prod/',
        INPUT_SUMMARY: 'true',
        INPUT_ARGS: '--rule "linkerd-sp-name-not-fqdn=warning"',
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: outputs,
      },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=manifests\/vs.yaml,line=9,col=5,/m);
    const sarif = JSON.parse(readFileSync(join(dir, 'mesh-lint.sarif'), 'utf8'));
    expect(sarif.runs[0].results).toHaveLength(1);
    expect(sarif.runs[0].automationDetails.id).toBe('mesh-lint/prod/');
    expect(readFileSync(summary, 'utf8')).toMatch(/^# earlier step\n## mesh-lint\n\n❌ \*\*1 problem\*\*/);
    expect(readFileSync(outputs, 'utf8')).toBe('sarif-file=mesh-lint.sarif\nexit-code=1\n');
  });

  it('reports a run that could not start as an error annotation, exit 2', () => {
    const dir = tempTree({});
    const r = node([join(ROOT, 'action', 'main.mjs')], { cwd: dir, env: { INPUT_PATHS: 'nowhere', 'INPUT_SARIF-FILE': 'x.sarif' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('::error title=mesh-lint::mesh-lint could not run');
  });
});

describe('packaging', () => {
  it('npm pack gives a package that runs with npx, with schemas and docs', () => {
    const dir = tempTree({ 'proj/package.json': '{"name":"consumer","version":"1.0.0","private":true}\n', 'proj/vs.yaml': virtualService('cart', ['edge']) });
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, stdio: 'ignore' });
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    const listing = execFileSync('tar', ['-tzf', join(dir, tgz)], { encoding: 'utf8' });
    for (const f of ['package/dist/cli.js', 'package/schemas/mesh-lint.config.schema.json', 'package/docs/rules/README.md', 'package/docs/rules/unused-suppression.md']) expect(listing).toContain(f);
    expect(listing).not.toContain('package/test/');
    const proj = join(dir, 'proj');
    // Dependencies come from the npm cache that `npm ci` filled: no network. Without that cache,
    // lay the package out as npm would, with the dependencies this checkout already has.
    try {
      execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(dir, tgz)], { cwd: proj, stdio: 'ignore' });
    } catch {
      const nm = join(proj, 'node_modules');
      mkdirSync(join(nm, '.bin'), { recursive: true });
      execFileSync('tar', ['-xzf', join(dir, tgz), '-C', nm]);
      renameSync(join(nm, 'package'), join(nm, 'mesh-lint'));
      const pkg = JSON.parse(readFileSync(join(nm, 'mesh-lint', 'package.json'), 'utf8'));
      for (const dep of Object.keys(pkg.dependencies)) {
        mkdirSync(dirname(join(nm, dep)), { recursive: true });
        symlinkSync(join(ROOT, 'node_modules', dep), join(nm, dep), 'dir');
      }
      symlinkSync(join('..', 'mesh-lint', pkg.bin['mesh-lint']), join(nm, '.bin', 'mesh-lint'));
    }
    const npx = (args: string[]) => spawnSync('npx', ['--offline', '--no-install', 'mesh-lint', ...args], { cwd: proj, encoding: 'utf8' });
    expect(npx(['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect(npx(['explain', 'unused-suppression']).stdout).toContain('# unused-suppression');
    writeFileSync(join(proj, '.mesh-lint.yaml'), 'rules: {istio-vs-gateway-not-found: warning}\n');
    const lint = npx(['vs.yaml', '-f', 'json']);
    expect(lint.status).toBe(0);
    expect(JSON.parse(lint.stdout).summary).toMatchObject({ warning: 1 });
    expect(existsSync(join(proj, 'node_modules', 'mesh-lint', 'schemas', 'mesh-lint.config.schema.json'))).toBe(true);
  }, 120_000);

  it('ships a pre-commit hook that runs the package binary over the repository', () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ id: 'mesh-lint', language: 'node', pass_filenames: false });
    expect(Object.keys(pkg.bin)).toContain(hooks[0].entry);
    expect(pkg.scripts.prepack).toBe('npm run build');
  });
});
