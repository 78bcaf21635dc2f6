import type { ReactNode } from 'react';

/**
 * The table of a console list page (realms, users, certificates): its frame and a header row whose last,
 * unlabelled column holds each row's action buttons.
 */
export function ListTable({ columns, children }: { columns: string[]; children: ReactNode }) {
  return (
    <table className="w-full overflow-hidden rounded-lg bg-white text-sm shadow-sm ring-1 ring-slate-200">
      <thead className="bg-slate-50 text-left text-slate-600">
        <tr>
          {columns.map((column) => (
            <th key={column} className="px-4 py-2 font-medium">
              {column}
            </th>
          ))}
          <th className="px-4 py-2 font-medium">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
