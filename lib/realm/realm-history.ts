import 'server-only';

import { type TabDiffContext, diffTab, withoutSecrets } from '@/lib/history/realm-changes';
import { recordChange } from '@/lib/history/repository';
import type { Actor } from '@/lib/history/types';
import { secretFieldsOf } from '@/lib/realm/schemas';
import type { RealmTab } from '@/lib/realm/tabs';

import { type RealmWithTabs, TAB_READERS, type Tx, storedSecrets } from './rows';

/** The realm's change records: a tab's change from the realm before and after it, in the change's transaction. */

/** "serial (CN)" of the certificates with these ids, as the history names a signing certificate. */
async function loadCertificateNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  const wanted = ids.filter((id) => id !== '');
  if (wanted.length === 0) return new Map();
  const rows = await tx.certificate.findMany({ where: { id: { in: wanted } }, select: { id: true, serialHex: true, commonName: true } });
  return new Map(rows.map((row) => [row.id, `${row.serialHex} (${row.commonName})`]));
}

/** Records a change of one tab (a save, rename, restore or import) with its field diff and the values restore needs. */
export async function recordTabChange(
  tx: Tx,
  actor: Actor,
  change: {
    tab: RealmTab;
    before: RealmWithTabs;
    after: RealmWithTabs;
    action: 'save' | 'rename' | 'restore' | 'import' | 'switch-certificate';
    sourceRecordId?: number;
  },
): Promise<number> {
  const { tab, before, after } = change;
  const values = { before: TAB_READERS[tab](before), after: TAB_READERS[tab](after) };
  const secretsBefore = storedSecrets(before);
  const secretsAfter = storedSecrets(after);
  const context: TabDiffContext = {
    changedSecrets: secretFieldsOf(tab).filter((field) => secretsBefore[field] !== secretsAfter[field]),
    certificateNames:
      tab === 'post-authentication'
        ? await loadCertificateNames(
            tx,
            [before.postAuth, after.postAuth].flatMap((postAuth) => [
              postAuth?.signingCertificateId ?? '',
              postAuth?.nextCertificateId ?? '',
            ]),
          )
        : new Map(),
  };
  return recordChange(tx, actor, {
    objectType: 'realm',
    objectId: after.id,
    objectName: after.name,
    realmId: after.id,
    tab,
    action: change.action,
    changes: diffTab(tab, values.before, values.after, context),
    snapshot: { before: withoutSecrets(tab, values.before), after: withoutSecrets(tab, values.after) },
    sourceRecordId: change.sourceRecordId,
  });
}
