// Writes dist/cli.js, the package's bin: a tiny launcher for the compiled entry point.
import { chmodSync, writeFileSync } from 'node:fs';

writeFileSync('dist/cli.js', "#!/usr/bin/env node\nimport './src/cli.js';\n");
chmodSync('dist/cli.js', 0o755);
