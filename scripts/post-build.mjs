// Writes dist/cli.js, the package's bin, and dist/worker.js, the parse worker: each one file
// bundled by rolldown from tsc's output in dist/src. Loading ~260 separate ES modules took about
// 0.2 s of every run; one bundle loads in about 0.1 s. dist/src stays for the tests and tools
// that import modules one by one.
import { chmodSync } from 'node:fs';
import { build } from 'rolldown';

const bundle = (input, file, banner = '') =>
  build({
    input,
    platform: 'node',
    logLevel: 'warn',
    output: { file, format: 'esm', banner, sourcemap: false },
  });

await bundle('dist/src/cli.js', 'dist/cli.js', '#!/usr/bin/env node');
// pool.ts starts `./worker.js` next to itself: next to dist/cli.js once bundled.
await bundle('dist/src/parse/worker.js', 'dist/worker.js');
chmodSync('dist/cli.js', 0o755);
