#!/usr/bin/env node
// The `proofline` command: TypeScript sources run through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
