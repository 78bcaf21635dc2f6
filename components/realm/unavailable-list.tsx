import { UNAVAILABLE_HINT } from '@/lib/realm/options';

/** Features admins know from SecureAuth that Realmgate does not offer yet: listed, never faked. */
export function UnavailableList({ items }: { items: readonly string[] }) {
  return (
    <ul className="grid gap-1 text-sm text-slate-500 sm:col-span-2" aria-label="Not available yet">
      {items.map((item) => (
        <li key={item}>
          <span className="font-medium text-slate-600">{item}</span>: {UNAVAILABLE_HINT}
        </li>
      ))}
    </ul>
  );
}
