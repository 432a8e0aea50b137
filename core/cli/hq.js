#!/usr/bin/env node
// The `hq` command: runs the TypeScript CLI through tsx, so there is no separate build for it.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
