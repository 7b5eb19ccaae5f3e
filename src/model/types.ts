// Core data types shared by every pipeline stage.

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** A JSON path into a resource body: keys and array indexes. */
export type Path = ReadonlyArray<string | number>;

/** 1-based, endColumn exclusive (SARIF convention). */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface Location extends Region {
  /** Path as given on the command line (relative stays relative), `/` separators. */
  file: string;
}

/** Offsets into a source text, [start, end). */
export type OffsetRange = readonly [number, number];

/** Where one YAML document sits in its source file. */
export interface DocumentSpan {
  fileId: number;
  /** Offset where this document's slice of text begins (end of the previous document). */
  sliceStart: number;
  /** Offset where it ends. */
  sliceEnd: number;
  /** Offset of the document's content (the first key), for whole-document findings. */
  contentStart: number;
  /** Index of the document in its file (0-based). */
  index: number;
}

export type JsonObject = { [key: string]: unknown };

/** Where a resource came from: its document and, for `kind: List` items, the item path. */
export interface Origin {
  span: DocumentSpan;
  /** Path from the document root to this resource (e.g. ['items', 3]); [] for a plain document. */
  basePath: Path;
  /** Provenance for rendered input: the Helm `# Source:` template or kustomize origin path. */
  sourceFile?: string;
}

export interface Resource {
  /** Unique, stable id within one run (order of input). */
  readonly uid: number;
  readonly apiVersion: string;
  /** API group ('' for the core group). */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** `group/Kind`, or `Kind` for the core group: the key rules and indexes use. */
  readonly kindKey: string;
  /** '' for cluster-scoped kinds. */
  readonly namespace: string;
  /** True when metadata.namespace was absent and the default was applied. */
  readonly namespaceDefaulted: boolean;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The whole manifest as plain JSON. */
  readonly body: JsonObject;
  readonly origin: Origin;
}

export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface RelatedInfo {
  message: string;
  location: Location;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  resource?: ResourceRef;
  location: Location;
  related?: RelatedInfo[];
  /** Field path of the finding inside its resource, for baselines and fingerprints. */
  path?: Path;
  /** Set when a suppression matched; the finding is kept for SARIF `suppressions`. */
  suppressed?: { kind: 'inSource' | 'external'; justification?: string };
}
