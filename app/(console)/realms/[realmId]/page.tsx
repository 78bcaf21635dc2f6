import { redirect } from 'next/navigation';

import { requireAdmin } from '@/lib/auth/admin';

export default async function RealmPage({ params }: { params: Promise<{ realmId: string }> }) {
  await requireAdmin();
  const { realmId } = await params;
  return redirect(`/realms/${encodeURIComponent(realmId)}/overview`);
}
