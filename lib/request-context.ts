import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request being served, for its one log line (scripts/server.mjs writes one JSON line per request on /sso/*): its
 * id, which error pages show as their reference, and what lib code learns while serving it (the realm, the outcome).
 * scripts/server.mjs starts the context; both find the same store under one global symbol, as Next may load this
 * module more than once. Outside a request (tests, start-up) there is none and these do nothing.
 */
export type RequestContext = { requestId: string; realm?: string; outcome?: string };

const KEY = Symbol.for('realmgate.request-context');
const storage: AsyncLocalStorage<RequestContext> = ((globalThis as Record<symbol, AsyncLocalStorage<RequestContext> | undefined>)[KEY] ??=
  new AsyncLocalStorage<RequestContext>());

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Adds what this request was about to its log line: the realm's slug, an outcome such as "success". */
export function noteRequest(fields: { realm?: string; outcome?: string }): void {
  const context = storage.getStore();
  if (context) Object.assign(context, fields);
}
