'use client';

import { Button } from '@/components/ui/button';

/** The directory failed to load (e.g. the database is unreachable): say so and offer a retry. */
export default function DirectoryError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg bg-red-50 p-6 text-red-900 ring-1 ring-red-200">
      <h2 className="font-semibold">This page could not be loaded.</h2>
      <p className="mt-1 text-sm">The server had a problem reading the directory. Stored users are not affected.</p>
      <Button className="mt-4" onClick={reset}>
        Retry
      </Button>
    </div>
  );
}
