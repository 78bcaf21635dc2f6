'use client';

import { type ReactNode, createContext, useContext } from 'react';

// Whether the signed-in admin may change things (administrator) or only look (auditor). The server refuses
// an auditor's changes on its own; this only keeps their forms read-only and their buttons out of the way.
const CanEditContext = createContext(false);

export function CanEditProvider({ canEdit, children }: { canEdit: boolean; children: ReactNode }) {
  return <CanEditContext.Provider value={canEdit}>{children}</CanEditContext.Provider>;
}

export function useCanEdit(): boolean {
  return useContext(CanEditContext);
}

/** Renders its children only for administrators. */
export function EditorOnly({ children }: { children: ReactNode }) {
  return useCanEdit() ? children : null;
}
