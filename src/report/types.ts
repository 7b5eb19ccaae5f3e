import type { Finding } from '../model/types.js';
import type { RuleDescriptor } from '../engine/catalogue.js';

export interface ReportData {
  toolVersion: string;
  findings: readonly Finding[];
  /** Every rule that ran, for SARIF `tool.driver.rules`. */
  rules: readonly RuleDescriptor[];
  files: number;
  resources: number;
}

export interface TextOptions {
  color: boolean;
}
