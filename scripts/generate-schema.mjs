// Writes schemas/kube-zero-downtime.schema.json (the JSON schema of .kube-zero-downtime.yaml, for completion
// and validation in editors) from the rule registry. Run after `tsc -b` (npm run docs does both).
// test/src/unit/config.test.ts fails when the file is stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { renderConfigSchema } = require(join(root, 'server/out/engine/config/schema.js'));

mkdirSync(join(root, 'schemas'), { recursive: true });
writeFileSync(join(root, 'schemas', 'kube-zero-downtime.schema.json'), `${JSON.stringify(renderConfigSchema(), null, 2)}\n`);
