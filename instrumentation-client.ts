import { config } from 'zod/v4/core';

// Runs in the browser before the console's own code (Next.js client instrumentation hook). The console's CSP
// forbids eval (lib/http/console.ts), and zod tries `new Function` once to see whether it may compile its
// parsers; the browser reports each try as a policy violation. Told up front, zod never tries. Only zod's core
// config is imported: `import { z } from 'zod'` here put all of zod into every page's first load, forms or not.
config({ jitless: true });
