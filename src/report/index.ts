// Report formats by name. A format is a pure function of the report data.
import { formatGithub } from './github.js';
import type { ExportedGraph } from './graph-export.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';
import type { ReportData } from './types.js';

export interface FormatContext {
  data: ReportData;
  /** ANSI colours (text formats only). */
  color: boolean;
  sarifCategory?: string;
  /** A reported file's text (fingerprints, excerpts); undefined when unavailable. */
  readText: (file: string) => string | undefined;
  /** The resource graph, built on demand, for formats that draw it (html). */
  graph?: () => ExportedGraph;
}

export type Formatter = (ctx: FormatContext) => string;

export const FORMATTERS: Readonly<Record<string, Formatter>> = {
  text: (ctx) => formatText(ctx.data, { color: ctx.color }),
  json: (ctx) => formatJson(ctx.data),
  html: (ctx) => formatHtml({ ...ctx.data, graph: ctx.data.graph ?? ctx.graph?.() }, { readText: ctx.readText }),
  sarif: (ctx) => formatSarif(ctx.data, { ...(ctx.sarifCategory ? { category: ctx.sarifCategory } : {}), readText: ctx.readText }),
  github: (ctx) => formatGithub(ctx.data),
  junit: (ctx) => formatJunit(ctx.data),
  markdown: (ctx) => formatMarkdown(ctx.data),
};

export const FORMAT_NAMES = Object.keys(FORMATTERS);
