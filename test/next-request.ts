// next/headers for vitest (mocked in test/setup.ts): the cookies and headers of "the current request", which
// tests set with setTestRequest. Lib code reads them exactly as it does inside Next.
const current = { cookies: new Map<string, string>(), headers: new Headers() };

export function setTestRequest(request: { cookies?: Record<string, string>; headers?: Record<string, string> } = {}): void {
  current.cookies = new Map(Object.entries(request.cookies ?? {}));
  current.headers = new Headers(request.headers ?? {});
}

export function testRequestCookie(name: string): string | undefined {
  return current.cookies.get(name);
}

export async function cookies() {
  return {
    get: (name: string) => (current.cookies.has(name) ? { name, value: current.cookies.get(name) ?? '' } : undefined),
    set: (name: string, value: string) => void current.cookies.set(name, value),
    delete: (name: string) => void current.cookies.delete(name),
  };
}

export async function headers(): Promise<Headers> {
  return current.headers;
}
