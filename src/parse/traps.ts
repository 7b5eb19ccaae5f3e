// YAML traps: text that parses, but not the way Kubernetes reads it. Pure functions of a file's
// text (or one parsed document) returning parse problems; parse.ts calls them.
//  - unrendered Helm templates (`{{ }}` outside strings): one problem per file, nothing else linted;
//  - tabs as indentation (yaml's TAB_AS_INDENT, with a clearer message);
//  - unquoted yes/no/on/off/y/n: booleans to the YAML 1.1 decoder behind kubectl, strings to YAML 1.2;
//  - leading-zero integers (`0755`): octal to YAML 1.1, decimal to YAML 1.2.
import { isPair, isScalar, Lexer, visit, type Document, type Node, type Pair, type YAMLError } from 'yaml';
import type { ParseProblem } from './parse.js';

/** Lexer tokens that mark structure without consuming source text. */
const CONTROL_TOKENS = new Set(['\x02', '\x18', '\x1f']);

/**
 * The first `{{` that the YAML lexer reads as two flow-mapping starts, i.e. a template directive
 * outside any string. `{{` inside quotes, block scalars, comments or mid plain scalar is text and
 * is left alone (rendered output may legitimately hold Go templates in strings).
 */
export function findUnrenderedHelm(fileId: number, text: string): ParseProblem | undefined {
  if (!text.includes('{{')) return undefined;
  let offset = 0;
  let prev = '';
  for (const tok of new Lexer().lex(text)) {
    if (CONTROL_TOKENS.has(tok)) continue;
    if (tok === '{' && prev === '{') {
      const start = offset - 1;
      const close = text.indexOf('}}', start);
      const nl = text.indexOf('\n', start);
      const end = close >= 0 && (nl < 0 || close < nl) ? close + 2 : nl < 0 ? text.length : nl;
      const directive = text.slice(start, end).trim();
      const shown = directive.length > 60 ? `${directive.slice(0, 57)}...` : directive;
      return {
        fileId,
        ruleId: 'helm-unrendered',
        message: `unrendered Helm template ${shown}: this file is a chart template, not a manifest; render it with helm template first (helm template <release> <chart> | mesh-lint -)`,
        range: [start, end],
      };
    }
    prev = tok;
    offset += tok.length;
  }
  return undefined;
}

/** yaml's tab error, reported as the `yaml-tab` trap with a message that says what to do. */
export function tabProblem(fileId: number, err: YAMLError): ParseProblem | undefined {
  if (err.code !== 'TAB_AS_INDENT') return undefined;
  return {
    fileId,
    ruleId: 'yaml-tab',
    message: 'a tab is used for indentation; YAML allows only spaces there, so kubectl cannot read this document: indent with spaces',
    range: [err.pos[0], err.pos[1]],
  };
}

const YAML11_BOOLEANS: Record<string, boolean> = {};
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']) YAML11_BOOLEANS[s] = true;
for (const s of ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']) YAML11_BOOLEANS[s] = false;

const LEADING_ZERO = /^[-+]?0[0-9_]+$/;
const YAML12_OCTAL = /^0o[0-7]+$/;
/** Cheap test on the whole text before walking any document. */
const HINT = /(?:^|[\s:[,{-])(?:[yYnN]|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|[-+]?0[0-9_]+|0o[0-7]+)[ \t]*(?:$|#|,|\]|\})/m;

/** Keys whose values are file modes: octal is what the author means (`defaultMode: 0644`). */
const FILE_MODE_KEYS = new Set(['defaultMode', 'mode', 'fsGroup', 'fileMode', 'dirMode']);

export function mayHaveScalarTraps(text: string): boolean {
  return HINT.test(text);
}

/** Unquoted YAML 1.1 booleans and leading-zero integers among a document's values. */
export function findScalarTraps(fileId: number, text: string, doc: Document.Parsed): ParseProblem[] {
  const problems: ParseProblem[] = [];
  visit(doc, {
    Scalar(key, node, path) {
      if (key === 'key' || node.type !== 'PLAIN' || !node.range) return;
      const [start, end] = node.range;
      const src = text.slice(start, end);
      const parent = path[path.length - 1] as Node | Pair | undefined;
      const field = parent && isPair(parent) && isScalar(parent.key) ? String(parent.key.value) : undefined;
      const where = field ? `"${field}: ${src}"` : `"${src}"`;
      if (src in YAML11_BOOLEANS) {
        const b = YAML11_BOOLEANS[src];
        problems.push({
          fileId,
          ruleId: 'yaml-ambiguous-boolean',
          message: `unquoted ${where} is the boolean ${b} to kubectl's YAML 1.1 decoder but the string "${src}" to YAML 1.2 tools: write "${src}" in quotes for a string, or ${b} for a boolean`,
          range: [start, end],
        });
      } else if (YAML12_OCTAL.test(src)) {
        const n = parseInt(src.slice(2), 8);
        problems.push({
          fileId,
          ruleId: 'yaml-octal-number',
          message: `${where} is the octal number ${n} to YAML 1.2 tools but the string "${src}" to kubectl's YAML 1.1 decoder, which then fails on a number field: write 0${src.slice(2)} (octal to Kubernetes) or ${n}`,
          range: [start, end],
        });
      } else if (LEADING_ZERO.test(src) && !(field && FILE_MODE_KEYS.has(field))) {
        const digits = src.replace(/^[-+]/, '').replace(/_/g, '');
        const octal = /^0[0-7]+$/.test(digits);
        const sign = src.startsWith('-') ? -1 : 1;
        const reading = octal ? `the octal number ${src} (= ${sign * parseInt(digits, 8)} decimal)` : `not an integer (a float or a string, depending on the decoder)`;
        problems.push({
          fileId,
          ruleId: 'yaml-octal-number',
          message: `${where} has a leading zero: Kubernetes' YAML 1.1 decoder reads ${reading}, YAML 1.2 tools the decimal ${Number(digits) * sign}: drop the leading zero, or quote it for a string`,
          range: [start, end],
        });
      }
    },
  });
  return problems;
}
