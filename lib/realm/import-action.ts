import 'server-only';

import { authorizeAction, isRefusal } from '@/lib/form-action';
import { logError } from '@/lib/log';

import { parseRealmExport } from './export';
import { ImportError, type ImportSummary, importRealms } from './import-repository';

/** What the Import dialog shows: what was done, or every problem with its path (then nothing was changed). */
export type ImportResponse = { ok: true; summary: ImportSummary } | { ok: false; message: string; problems: string[] };

export type ImportRealmsAction = (text: unknown) => Promise<ImportResponse>;

const refused = (message: string, problems: string[] = []): ImportResponse => ({ ok: false, message, problems });

/** The realms list's Import (administrators only): a file made by Export, checked whole, imported in one transaction. */
export async function importRealmsFromFile(text: unknown): Promise<ImportResponse> {
  const admin = await authorizeAction();
  if (isRefusal(admin)) return refused(admin.formError ?? 'Not allowed.');
  if (typeof text !== 'string' || text.trim() === '') return refused('Choose a file made by Export.');
  const parsed = parseRealmExport(text);
  if (!parsed.ok) return refused('Nothing was imported: the file has these problems.', parsed.problems);
  try {
    return { ok: true, summary: await importRealms(admin, parsed.realms) };
  } catch (error) {
    if (error instanceof ImportError) return refused('Nothing was imported: the file has these problems.', error.problems);
    return refused(`Nothing was imported because of an error on the server (reference ${logError('import realms', error)}).`);
  }
}
