#!/usr/bin/env node
// The `crm` command. The CLI is TypeScript run through tsx, so no separate build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
