'use client';

import { type ReactNode, createContext, useContext, useState } from 'react';

// Apart from tab-form.tsx, so that the realm layout (and its History tab) loads no form code.

/** Lets the realm's tab bar mark the tab whose form has unsaved changes. */
const UnsavedTabContext = createContext<{ unsavedTab: string | null; setUnsavedTab: (tab: string | null) => void }>({
  unsavedTab: null,
  setUnsavedTab: () => {},
});

export function UnsavedTabProvider({ children }: { children: ReactNode }) {
  const [unsavedTab, setUnsavedTab] = useState<string | null>(null);
  return <UnsavedTabContext.Provider value={{ unsavedTab, setUnsavedTab }}>{children}</UnsavedTabContext.Provider>;
}

export function useUnsavedTab(): string | null {
  return useContext(UnsavedTabContext).unsavedTab;
}

export function useSetUnsavedTab(): (tab: string | null) => void {
  return useContext(UnsavedTabContext).setUnsavedTab;
}
