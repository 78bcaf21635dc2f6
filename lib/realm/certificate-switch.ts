import 'server-only';

import { z } from 'zod';

import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { runFormAction } from '@/lib/form-action';
import type { FormResult } from '@/lib/form-result';
import { type Actor, SCHEDULE_ACTOR } from '@/lib/history/types';
import { RECORD_ID } from '@/lib/realm/schemas/fields';
import { loadTabPage } from '@/lib/realm/tab-page';
import { type PostAuthenticationValues, parseSwitchAt } from '@/lib/realm/schemas/post-authentication';

import { recordTabChange } from './realm-history';
import type { LoadedTab } from './repository';
import { readRealm } from './rows';

/**
 * Certificate rollover (issue 9): a realm signs with its current certificate until Switch At, then with its next
 * one. The switch is one conditional update on the Post Authentication row, so however many instances see the time
 * come at once, one of them switches and records it; the others find it done.
 */

/** `dueBy`: switch only if Switch At is at or before it (the scheduled switch); without it, now ("Switch now"). */
export async function switchToNextCertificate(actor: Actor, realmId: string, { dueBy }: { dueBy?: Date } = {}): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const before = await readRealm(tx, realmId);
    const planned = before.postAuth;
    if (!planned?.nextCertificateId) return false;
    if (dueBy && (!planned.switchAt || planned.switchAt.getTime() > dueBy.getTime())) return false;
    // The tab's version moves on: an admin's form opened before the switch must not save the old certificate back.
    const { count } = await tx.realmPostAuth.updateMany({
      where: { realmId, version: planned.version, nextCertificateId: planned.nextCertificateId },
      data: { signingCertificateId: planned.nextCertificateId, nextCertificateId: null, switchAt: null, version: { increment: 1 } },
    });
    if (count === 0) return false;
    await tx.realm.update({ where: { id: realmId }, data: { version: { increment: 1 } } });
    const after = await readRealm(tx, realmId);
    await recordTabChange(tx, actor, { tab: 'post-authentication', before, after, action: 'switch-certificate' });
    return true;
  });
}

/** "Switch now" on Post Authentication: refused with a clear message when no next certificate is planned. */
export async function switchCertificateNow(actor: Actor, realmId: string): Promise<void> {
  if (!(await switchToNextCertificate(actor, realmId))) {
    throw new AppError('No certificate switch is planned for this realm (it may have switched already): reload the page.');
  }
}

type RolloverConfig = Pick<PostAuthenticationValues, 'signingCertificateId' | 'nextCertificateId' | 'switchAt'>;

/** Whether the realm's planned switch is due at `now`. */
export function isSwitchDue(config: RolloverConfig, now: Date): boolean {
  const switchAt = parseSwitchAt(config.switchAt);
  return config.nextCertificateId !== '' && switchAt !== null && switchAt.getTime() <= now.getTime();
}

/**
 * The certificate the realm signs with at `now` ('' for the default), and the next one metadata announces (or
 * null). A due switch is applied on the way, lazily: nothing needs to run at the switch time itself.
 */
export async function resolveRealmCertificates(
  realmId: string,
  config: RolloverConfig,
  now: Date,
): Promise<{ current: string; next: string | null }> {
  if (!config.nextCertificateId) return { current: config.signingCertificateId, next: null };
  if (!isSwitchDue(config, now)) return { current: config.signingCertificateId, next: config.nextCertificateId };
  await switchToNextCertificate(SCHEDULE_ACTOR, realmId, { dueBy: now });
  return { current: config.nextCertificateId, next: null };
}

/** Post Authentication as the console opens it: a switch whose time has come is applied first, so the tab shows it. */
export async function loadPostAuthenticationPage(realmId: string, now: Date): Promise<LoadedTab<'post-authentication'> | null> {
  const page = await loadTabPage(realmId, 'post-authentication');
  if (!page || !isSwitchDue(page.values, now)) return page;
  await switchToNextCertificate(SCHEDULE_ACTOR, realmId, { dueBy: now });
  return loadTabPage(realmId, 'post-authentication');
}

const switchNowSchema = z.object({ realmId: z.string().regex(RECORD_ID) });

/** The body of Post Authentication's "Switch now" server action (administrators only). */
export function switchCertificateNowFromForm(input: unknown): Promise<FormResult<null>> {
  return runFormAction('switch certificate', switchNowSchema, input, async ({ realmId }, admin) => {
    await switchCertificateNow(admin, realmId);
    return null;
  });
}
