import { AppError } from '@/lib/errors';
import type { HeaderReader } from '@/lib/http/hosts';

/** The end-user sign-in form: a username, a password and a token fit many times over. */
export const SSO_BODY_LIMIT = 16 * 1024;

/**
 * A console form: the Overview tab carries its logo (256 KB of image, a third more as base64) inside the server
 * action. next.config.mjs sets Next's own limits above this one, so this is the one that answers (with a 413).
 */
export const CONSOLE_BODY_LIMIT = 1024 * 1024;

/**
 * The console's answer to a form over CONSOLE_BODY_LIMIT, as plain text: Next's client turns a text/plain error
 * response of a server action into an Error with this message, which is how the form recognises it.
 */
export const CONSOLE_BODY_TOO_LARGE =
  'Not saved: the form is too large to send (the server accepts at most 1 MB). Your edits are still here.';

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(message, undefined, 413);
  }
}

/**
 * A request whose body the server read already, up to a cap and not much past it (lib/sso/direct.ts: cheaper than
 * a web stream of the socket).
 */
export type ReadRequest = { readonly headers: HeaderReader; readonly bodyRead: Uint8Array<ArrayBuffer> };

/**
 * Reads a request body of at most `limit` bytes, refusing a bigger one as early as it can: by Content-Length
 * before reading anything, otherwise (a chunked body) as soon as the bytes read pass the limit; the rest is never
 * read. Whatever a client sends, this holds at most `limit` bytes.
 */
export async function readLimitedBody(request: Request | ReadRequest, limit: number, tooLarge: string): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get('content-length');
  if (declared !== null && !(Number(declared) <= limit)) throw new PayloadTooLargeError(tooLarge);
  if ('bodyRead' in request) {
    if (request.bodyRead.byteLength > limit) throw new PayloadTooLargeError(tooLarge);
    return request.bodyRead;
  }
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new PayloadTooLargeError(tooLarge);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** A form body (urlencoded or multipart) of at most `limit` bytes; one that does not parse reads as empty. */
export async function readLimitedForm(request: Request | ReadRequest, limit: number, tooLarge: string): Promise<FormData> {
  const body = await readLimitedBody(request, limit, tooLarge);
  const type = request.headers.get('content-type') ?? '';
  // The sign-in forms post urlencoded: parsed at once, without the stream a Response would build to parse it.
  if (/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
    const form = new FormData();
    for (const [name, value] of new URLSearchParams(new TextDecoder().decode(body))) form.append(name, value);
    return form;
  }
  const parsed = new Response(body, { headers: { 'Content-Type': type } });
  return parsed.formData().catch(() => new FormData());
}

/**
 * What a console form says when its server action threw: the size refusal above when that is what came back,
 * otherwise `otherwise` (the network, or a server restarted with a new build; actions never throw by design).
 */
export function describeActionFailure(error: unknown, otherwise: string): string {
  return error instanceof Error && error.message.trim() === CONSOLE_BODY_TOO_LARGE ? CONSOLE_BODY_TOO_LARGE : otherwise;
}
