import type { Finding } from '../model/types.js';
import type { RuleDescriptor } from '../engine/catalogue.js';
import type { ExportedGraph } from './graph-export.js';

export interface ReportData {
  toolVersion: string;
  findings: readonly Finding[];
  /** Every rule that ran, for SARIF `tool.driver.rules`. */
  rules: readonly RuleDescriptor[];
  files: number;
  resources: number;
  /** The resource graph, for formats that draw it (html); optional. */
  graph?: ExportedGraph;
}

export interface TextOptions {
  color: boolean;
}
