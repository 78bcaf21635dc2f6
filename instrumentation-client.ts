import { z } from 'zod';

// Runs in the browser before the console's own code (Next.js client instrumentation hook). The console's CSP
// forbids eval (lib/http/console.ts), and zod tries `new Function` once to see whether it may compile its
// parsers; the browser reports each try as a policy violation. Told up front, zod never tries.
z.config({ jitless: true });
