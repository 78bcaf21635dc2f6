import { redirect } from 'next/navigation';

export default async function RealmPage({ params }: { params: Promise<{ realmId: string }> }) {
  const { realmId } = await params;
  return redirect(`/realms/${encodeURIComponent(realmId)}/overview`);
}
