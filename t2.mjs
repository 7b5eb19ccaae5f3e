import { parseAllDocuments, LineCounter, Parser, Lexer } from 'yaml';
const [,, kind, nStr] = process.argv; const n = +nStr;
let src;
if (kind === 'flow') src = '['.repeat(n) + ']'.repeat(n);
if (kind === 'flowmap') src = 'a: ' + '['.repeat(n) + ']'.repeat(n);
if (kind === 'block') { src = ''; for (let i = 0; i < n; i++) src += ' '.repeat(i) + 'k:\n'; }
if (kind === 'seq') { src = ''; for (let i = 0; i < n; i++) src += ' '.repeat(i*2) + '-\n'; }
const t0 = Date.now();
if (process.argv[4] === 'lex') { let c = 0; for (const t of new Lexer().lex(src)) c++; console.log('lex tokens', c, Date.now()-t0); process.exit(0); }
if (process.argv[4] === 'cst') { let c = 0; for (const t of new Parser().parse(src)) c++; console.log('cst', c, Date.now()-t0); process.exit(0); }
const docs = parseAllDocuments(src, { merge: true, prettyErrors: false, lineCounter: new LineCounter() });
const arr = Array.isArray(docs) ? docs : [docs];
console.log(kind, n, arr.length, arr[0].errors.map(e => e.code + ' ' + e.message.slice(0, 60)), Date.now() - t0, 'ms');
