import type { Finding } from '../model/types.js';
import type { RuleDescriptor } from '../engine/catalogue.js';
import type { ExportedGraph } from './graph-export.js';

export interface ReportData {
  toolVersion: string;
  /** All findings, suppressed ones included (only SARIF shows those, as `suppressions`). */
  findings: readonly Finding[];
  /** Every rule that ran, for SARIF `tool.driver.rules`. */
  rules: readonly RuleDescriptor[];
  files: number;
  resources: number;
  /** Display paths of the linted files (JUnit lists clean files as passing suites). */
  fileNames?: readonly string[];
  /** The resource graph, for formats that draw it (html); optional. */
  graph?: ExportedGraph;
}

export interface TextOptions {
  color: boolean;
}
