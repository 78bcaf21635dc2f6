'use client';

import { type ComponentType, useState } from 'react';

import type { ImportSpMetadataAction } from '@/lib/realm/sp-metadata-import';
import { Button } from '@/components/ui/button';

type Props = { importSpMetadata: ImportSpMetadataAction };

/**
 * The SP metadata import (sp-metadata-import.tsx), loaded when the admin asks for it: it is used once per service
 * provider, and keeps the tab's first load within its JavaScript budget (issue 11).
 */
export function SpMetadataImportOnDemand(props: Props) {
  const [Import, setImport] = useState<ComponentType<Props> | null>(null);
  const [failed, setFailed] = useState(false);
  if (Import) return <Import {...props} />;
  const open = () =>
    import('./sp-metadata-import').then(
      (module) => setImport(() => module.SpMetadataImport),
      () => setFailed(true),
    );
  return (
    <div className="grid content-start gap-2 sm:col-span-2">
      <Button className="justify-self-start" onClick={() => void open()}>
        Fill from SP metadata…
      </Button>
      {failed && <p className="text-sm text-red-700">The import could not be loaded. Reload the page and try again.</p>}
    </div>
  );
}
