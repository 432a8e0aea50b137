#!/usr/bin/env node
// The `hq` command: runs the TypeScript CLI through tsx, so there is no separate build for it.
import { register } from 'tsx/esm/api';

register();
const { runHq } = await import('./main.ts');
process.exitCode = await runHq(process.argv.slice(2));
