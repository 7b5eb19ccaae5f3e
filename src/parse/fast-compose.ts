// Fast path of the parse stage: yaml's CST tokens straight to plain JS, skipping its Composer
// (Document, Pair and Scalar nodes, then toJS), which is about a third of parsing a manifest.
//
// It covers what manifests are made of: block and flow collections, plain, quoted and block
// scalars, comments, `---`. It gives up (returns undefined, and the caller runs
// parseAllDocuments) on everything else, such as anchors, aliases, tags, merge keys, explicit
// keys, directives, `...`, tabs, duplicate keys, and on anything the Composer would report as an
// error or warning. Each step mirrors the Composer function named in its comment (yaml
// 2.x `compose/`), so values and document ranges equal parseAllDocuments + toJS; a test
// checks that on every fixture and on generated documents.
import { CST, Document, Parser, isScalar, type ScalarTag } from 'yaml';
import { YAML_PARSE_OPTIONS } from './parse.js';

export interface FastDocument {
  /** doc.contents.range[0] */
  contentStart: number;
  /** doc.range[2]: where the next document's slice starts. */
  end: number;
  /** doc.toJS() */
  value: unknown;
}

type SourceToken = CST.SourceToken;
type Token = CST.Token;
interface Composed {
  value: unknown;
  start: number;
  /** node.range[2] */
  end: number;
}
interface Props {
  found: SourceToken | null;
  comma: SourceToken | null;
  hasNewline: boolean;
  hasComment: boolean;
  newlineBeforeFound: boolean;
  end: number;
}

/** Thrown (one shared instance) to leave the fast path; never escapes fastCompose. */
const GIVE_UP = new Error('fast path does not apply');
function giveUp(): never {
  throw GIVE_UP;
}

// The schema and options parseAllDocuments uses (YAML 1.2 core schema with merge keys); made on
// first use, as parse.ts (which holds the options) imports this module.
let template: Document | undefined;

/** Parses `text` into documents, or undefined when the fast path does not apply. */
export function fastCompose(text: string): FastDocument[] | undefined {
  template ??= new Document(undefined, YAML_PARSE_OPTIONS);
  try {
    const docs: FastDocument[] = [];
    for (const token of new Parser().parse(text)) {
      switch (token.type) {
        case 'document':
          docs.push(document(token));
          break;
        case 'byte-order-mark':
        case 'space':
        case 'comment':
        case 'newline':
          break; // stream-level: only comments for the Composer
        default:
          giveUp(); // directives, `...`, errors
      }
    }
    return docs;
  } catch {
    // GIVE_UP, a RangeError from input nested too deep for this recursion, or anything else:
    // the full path is authoritative and reports what is wrong.
    return undefined;
  }
}

/** composeDoc */
function document(doc: CST.Document): FastDocument {
  const p = props(doc.start, 'doc-start', true, doc.offset, false);
  const { value } = doc;
  if (p.found && value && (value.type === 'block-map' || value.type === 'block-seq') && !p.hasNewline) giveUp();
  const contents = value ? node(value) : emptyNode(p.end, doc.start, p);
  return { contentStart: contents.start, end: resolveEnd(doc.end, contents.end, false), value: contents.value };
}

/** composeNode, without properties (anchors and tags give up earlier). */
function node(token: Token): Composed {
  switch (token.type) {
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
    case 'block-scalar':
      return scalar(token, false);
    case 'block-map':
      return blockMap(token);
    case 'block-seq':
      return blockSeq(token);
    case 'flow-collection':
      return flowCollection(token);
    default:
      return giveUp(); // aliases, error tokens
  }
}

/** composeEmptyNode: a null scalar placed by emptyScalarPosition. */
function emptyNode(offset: number, before: SourceToken[] | undefined, p: Props): Composed {
  const at = emptyScalarPosition(offset, before);
  return { value: null, start: at, end: p.hasComment ? p.end : at };
}

function emptyScalarPosition(offset: number, before: SourceToken[] | undefined): number {
  if (!before) return offset;
  for (let i = before.length - 1; i >= 0; --i) {
    const st = before[i];
    if (st.type === 'space' || st.type === 'comment' || st.type === 'newline') {
      offset -= st.source.length;
      continue;
    }
    for (let j = i + 1; before[j]?.type === 'space'; j++) offset += before[j].source.length;
    break;
  }
  return offset;
}

const onScalarError = () => giveUp();

/** First characters with which a plain scalar can be anything but a string in the core schema. */
const MAY_BE_TYPED = new Set('~nNtTfF0123456789+-.');
/** Plain scalars cannot start with these (BAD_SCALAR_START). */
const BAD_PLAIN_START = new Set('\t,%|>@`');

/**
 * The string value of a one-line flow scalar, as resolveFlowScalar computes it, or undefined
 * when the scalar needs the general code (line folding, escapes, a missing quote).
 */
function oneLineValue(token: CST.FlowScalar): string | undefined {
  const src = token.source;
  if (src.includes('\n') || src.includes('\r')) return undefined;
  switch (token.type) {
    case 'scalar':
      return src === '' || !BAD_PLAIN_START.has(src[0]) ? src : undefined;
    case 'double-quoted-scalar':
      return src.length >= 2 && src.endsWith('"') && !src.includes('\\') ? src.slice(1, -1) : undefined;
    case 'single-quoted-scalar':
      return src.length >= 2 && src.endsWith("'") ? src.slice(1, -1).replaceAll("''", "'") : undefined;
    default:
      return undefined;
  }
}

/** composeScalar without a tag: resolveFlowScalar/resolveBlockScalar, then the core schema. */
function scalar(token: CST.FlowScalar | CST.BlockScalar, atKey: boolean): Composed {
  let text: string;
  let start: number;
  let end: number;
  const simple = token.type === 'block-scalar' ? undefined : oneLineValue(token);
  if (simple !== undefined) {
    text = simple;
    start = token.offset;
    end = resolveEnd((token as CST.FlowScalar).end, token.offset + token.source.length, true);
  } else {
    const r = CST.resolveAsScalar(token, true, onScalarError);
    if (!r) return giveUp();
    ({ value: text } = r);
    [start, , end] = r.range;
  }
  let value: unknown = text;
  if (token.type === 'scalar' && (text === '' || MAY_BE_TYPED.has(text[0]))) {
    // findScalarTagByTest; the merge tag (default 'key') only applies to `<<`, which gives up.
    const tag = template!.schema.tags.find((t) => t.default === true && t.test?.test(text)) as ScalarTag | undefined;
    if (tag?.resolve) {
      const res: unknown = tag.resolve(text, onScalarError, template!.options);
      value = isScalar(res) ? res.value : res;
    }
  }
  if (atKey && token.type === 'scalar' && text === '<<') giveUp();
  return { value, start, end };
}

/** resolveProps for the token kinds the fast path accepts; any other token gives up. */
function props(tokens: readonly SourceToken[], indicator: string, startOnNewline: boolean, offset: number, flow: boolean): Props {
  let hasSpace = startOnNewline;
  let hasNewline = false;
  let hasComment = false;
  let newlineBeforeFound = false;
  let found: SourceToken | null = null;
  let comma: SourceToken | null = null;
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
        if (token.source.includes('\t')) giveUp(); // tab rules are subtle: leave them to the Composer
        hasSpace = true;
        break;
      case 'comment':
        if (!hasSpace) giveUp(); // MISSING_CHAR
        hasComment = true;
        break;
      case 'newline':
        if (!found) newlineBeforeFound = true;
        hasNewline = true;
        hasSpace = true;
        break;
      case indicator:
        if (found) giveUp(); // UNEXPECTED_TOKEN
        found = token;
        hasSpace = false;
        break;
      case 'comma':
        if (!flow || comma) giveUp();
        comma = token;
        hasSpace = false;
        break;
      default:
        giveUp(); // anchors, tags, explicit keys, stray indicators
    }
  }
  const last = tokens[tokens.length - 1];
  return { found, comma, hasNewline, hasComment, newlineBeforeFound, end: last ? last.offset + last.source.length : offset };
}

/** resolveEnd; `reqSpace`: a comment must follow white space. */
function resolveEnd(end: readonly SourceToken[] | undefined, offset: number, reqSpace: boolean): number {
  if (!end) return offset;
  let hasSpace = false;
  for (const token of end) {
    if (token.type === 'space' || token.type === 'newline') hasSpace = true;
    else if (token.type !== 'comment' || (reqSpace && !hasSpace)) giveUp();
    offset += token.source.length;
  }
  return offset;
}

const isFlowScalar = (t: Token | null | undefined): t is CST.FlowScalar =>
  t?.type === 'scalar' || t?.type === 'single-quoted-scalar' || t?.type === 'double-quoted-scalar';

/** containsNewline, for the flow scalars that are the only keys the fast path accepts. */
function keyHasNewline(key: CST.FlowScalar): boolean {
  if (key.source.includes('\n')) return true;
  return key.end?.some((t) => t.type === 'newline') ?? false;
}

/**
 * addPairToJSMap for a plain object: the key stringified, then an own property. Two keys with
 * the same string give up, even where yaml tells them apart (`1` and `"1"`): the full path
 * then reports the duplicate or resolves the collision its own way.
 */
function setPair(map: Record<string, unknown>, key: unknown, value: unknown): void {
  const k = key === null ? '' : String(key);
  if (Object.hasOwn(map, k)) giveUp();
  // Assignment makes the same own data property as yaml's defineProperty, except for __proto__.
  if (k === '__proto__') Object.defineProperty(map, k, { value, writable: true, enumerable: true, configurable: true });
  else map[k] = value;
}

/** resolveBlockMap */
function blockMap(bm: CST.BlockMap): Composed {
  const map: Record<string, unknown> = {};
  let offset = bm.offset;
  let commentEnd: number | null = null;
  for (let i = 0; i < bm.items.length; i++) {
    const { start, key, sep, value } = bm.items[i];
    const kp = props(start, 'explicit-key-ind', true, offset, false);
    if (kp.found) giveUp(); // explicit key `? k`
    if (!key && !sep) {
      if (i !== bm.items.length - 1) giveUp(); // IMPOSSIBLE: map comment with trailing content
      commentEnd = kp.end;
      continue;
    }
    if (!isFlowScalar(key) || !sep) giveUp(); // empty, collection or block-scalar keys; key without `:`
    if (key.indent !== bm.indent || keyHasNewline(key)) giveUp(); // BAD_INDENT, MULTILINE_IMPLICIT_KEY
    const k = scalar(key, true);
    const vp = props(sep, 'map-value-ind', false, k.end, false);
    if (!vp.found || vp.newlineBeforeFound) giveUp(); // MISSING_CHAR
    if (value?.type === 'block-map' && !vp.hasNewline) giveUp(); // BLOCK_AS_IMPLICIT_KEY
    if (kp.end < vp.found.offset - 1024) giveUp(); // KEY_OVER_1024_CHARS
    const v = value ? node(value) : emptyNode(vp.end, sep, vp);
    offset = v.end;
    setPair(map, k.value, v.value);
  }
  return { value: map, start: bm.offset, end: commentEnd ?? offset };
}

/** resolveBlockSeq */
function blockSeq(bs: CST.BlockSequence): Composed {
  const seq: unknown[] = [];
  let offset = bs.offset;
  let commentEnd: number | null = null;
  for (let i = 0; i < bs.items.length; i++) {
    const { start, value } = bs.items[i];
    const p = props(start, 'seq-item-ind', true, offset, false);
    if (!p.found) {
      if (value || i !== bs.items.length - 1) giveUp(); // MISSING_CHAR, BAD_INDENT
      commentEnd = p.end;
      continue;
    }
    const v = value ? node(value) : emptyNode(p.end, start, p);
    offset = v.end;
    seq.push(v.value);
  }
  return { value: seq, start: bs.offset, end: commentEnd ?? offset };
}

const isBlock = (t: Token | undefined) => t?.type === 'block-map' || t?.type === 'block-seq';

/** resolveFlowCollection, for flow sequences of values and flow maps of scalar keys. */
function flowCollection(fc: CST.FlowCollection): Composed {
  const isMap = fc.start.source === '{';
  const map: Record<string, unknown> = {};
  const seq: unknown[] = [];
  let offset = fc.offset + fc.start.source.length;
  for (let i = 0; i < fc.items.length; i++) {
    const { start, key, sep, value } = fc.items[i];
    const p = props(start, 'explicit-key-ind', false, offset, true);
    if (p.found || key === null) giveUp();
    if (!key && !sep && !value) {
      // An empty item: only a trailing comma (`[a, b, ]`) is allowed.
      if ((i === 0 && p.comma) || i < fc.items.length - 1) giveUp();
      offset = p.end;
      continue;
    }
    if (i === 0 ? p.comma : !p.comma) giveUp(); // UNEXPECTED_TOKEN, MISSING_CHAR
    if (!isMap) {
      if (key || sep || !value || isBlock(value)) giveUp(); // pairs in a flow sequence, BLOCK_IN_FLOW
      const v = node(value);
      seq.push(v.value);
      offset = v.end;
      continue;
    }
    if (!isFlowScalar(key) || !sep) giveUp();
    const k = scalar(key, true);
    const vp = props(sep, 'map-value-ind', false, k.end, true);
    if (!vp.found || isBlock(value)) giveUp();
    const v = value ? node(value) : emptyNode(vp.end, sep, vp);
    setPair(map, k.value, v.value);
    offset = v.end;
  }
  const [close, ...rest] = fc.end;
  if (close?.source !== (isMap ? '}' : ']')) giveUp(); // MISSING_CHAR, BAD_INDENT
  const closeEnd = close.offset + close.source.length;
  const end = rest.length > 0 ? resolveEnd(rest, closeEnd, true) : closeEnd;
  return { value: isMap ? map : seq, start: fc.offset, end };
}
