import { type FieldChange, isSecretChange } from '@/lib/history/types';

function Value({ value }: { value: string | null }) {
  if (value === null) return <span className="text-slate-500">—</span>;
  if (value === '') return <span className="text-slate-500 italic">(empty)</span>;
  return <span className="break-all whitespace-pre-wrap">{value}</span>;
}

/** A record's fields side by side: the tab's label, the value before and after. Secrets say only "changed". */
export function ChangeDiff({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0) return <p className="text-sm text-slate-600">No field changed.</p>;
  return (
    <table className="w-full overflow-hidden rounded-lg bg-white text-sm shadow-sm ring-1 ring-slate-200">
      <caption className="sr-only">Changed fields</caption>
      <thead className="bg-slate-50 text-left text-slate-600">
        <tr>
          <th scope="col" className="w-1/4 px-4 py-2 font-medium">
            Field
          </th>
          <th scope="col" className="px-4 py-2 font-medium">
            Before
          </th>
          <th scope="col" className="px-4 py-2 font-medium">
            After
          </th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.field} className="border-t border-slate-100 align-top">
            <th scope="row" className="px-4 py-2 text-left font-medium">
              {change.label}
            </th>
            {isSecretChange(change) ? (
              <td colSpan={2} className="px-4 py-2 text-slate-700">
                Changed (secret values are never shown)
              </td>
            ) : (
              <>
                <td className="bg-red-50/50 px-4 py-2">
                  <Value value={change.before} />
                </td>
                <td className="bg-emerald-50/50 px-4 py-2">
                  <Value value={change.after} />
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
