// `mesh-lint graph`: the resource graph the manifests describe, as dot, json or mermaid.
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { lint } from '../engine/lint.js';
import { parseMeshConfigText, type MeshConfig } from '../graph/mesh-config.js';
import { exportGraph, formatGraph, GRAPH_FORMATS, matchFocus, neighbourhood, type GraphFormat } from '../report/graph-export.js';
import { UsageError, writeAtomically, type CliIO } from './io.js';

/** Mermaid's default `maxEdges`. */
const MERMAID_MAX_EDGES = 500;

interface GraphCliOptions {
  format: GraphFormat;
  output?: string;
  focus?: string;
  depth: string;
  meshConfig?: string;
  defaultNamespace: string;
  clusterDomain: string;
  stdinFilepath?: string;
}

function readMeshConfig(file: string): MeshConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`--mesh-config: cannot read ${file}`);
  }
  try {
    return parseMeshConfigText(text);
  } catch (e) {
    throw new UsageError(`--mesh-config: ${file} is not a valid mesh config: ${(e as Error).message.split('\n')[0]}`);
  }
}

export function runGraph(paths: string[], o: GraphCliOptions, io: CliIO): number {
  const depth = Number(o.depth);
  if (!Number.isInteger(depth) || depth < 0) throw new UsageError(`--depth expects a whole number, got "${o.depth}"`);
  const meshConfig = o.meshConfig ? readMeshConfig(o.meshConfig) : undefined;
  const result = lint({
    paths: paths.length ? paths : ['.'],
    rules: [],
    defaultNamespace: o.defaultNamespace,
    clusterDomain: o.clusterDomain,
    ...(meshConfig ? { meshConfig } : {}),
    readStdin: io.readStdin,
    ...(o.stdinFilepath ? { stdinPath: o.stdinFilepath } : {}),
  });
  if (result.missing.length) throw new UsageError(result.missing.map((m) => `${m.path}: ${m.message}`).join('; '));
  for (const s of result.skipped) io.stderr(`mesh-lint: skipped ${s.path}: ${s.message}\n`);

  let graph = exportGraph(result.graph, { fileName: (id) => result.files[id]?.displayPath });
  if (o.focus !== undefined) {
    const centre = matchFocus(graph, o.focus);
    if (!centre.length) {
      throw new UsageError(`--focus: no resource "${o.focus}" in the inputs (expected KIND/NAMESPACE/NAME, or KIND/NAME for that name in any namespace)`);
    }
    graph = neighbourhood(graph, centre, depth);
  }
  if (o.format === 'mermaid' && graph.edges.length > MERMAID_MAX_EDGES) {
    io.stderr(
      `mesh-lint: warning: ${graph.edges.length} edges; Mermaid renderers (GitHub's included) refuse more than ${MERMAID_MAX_EDGES} by default: use --focus, or --format dot\n`,
    );
  }
  const out = formatGraph(graph, o.format);
  if (o.output && o.output !== '-') writeAtomically(o.output, out);
  else io.stdout(out);
  return 0;
}

export function addGraphCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('graph')
    .description('export the resource graph: resources grouped by namespace, references as labelled edges, dangling ones to phantom nodes')
    .argument('[paths...]', 'files, folders or - for stdin', [])
    .addOption(new Option('-f, --format <format>', 'graph format').choices([...GRAPH_FORMATS]).default('dot'))
    .option('-o, --output <file>', 'write the graph to a file instead of stdout')
    .option('--focus <kind/ns/name>', "show one resource's neighbourhood, e.g. VirtualService/shop/cart")
    .option('--depth <n>', 'with --focus: how many references away to go', '1')
    .option('--mesh-config <file>', 'Istio MeshConfig YAML (as istioctl analyze --meshConfigFile)')
    .option('--default-namespace <ns>', 'namespace for namespaced resources that name none', 'default')
    .option('--cluster-domain <domain>', 'Kubernetes cluster domain', 'cluster.local')
    .option('--stdin-filepath <path>', 'file name to report for stdin input')
    .action((paths: string[], o: GraphCliOptions) => {
      setExit(runGraph(paths, o, io));
    });
}
