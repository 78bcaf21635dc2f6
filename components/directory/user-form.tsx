'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';

import { type DirectoryUserValues, type ProfileKey, PASSWORD_MIN, directoryUserSchema, userFieldLabel } from '@/lib/directory/schemas';
import type { SaveUserAction } from '@/lib/directory/user-actions';
import { Section } from '@/components/ui/section';
import { BooleanSelect, SecretInput, TextArea, TextInput } from '@/components/realm/form-fields';
import { TabForm } from '@/components/realm/tab-form';

const numbered = (prefix: 'phone' | 'email' | 'auxId', count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${i + 1}` as ProfileKey);

/** The profile properties by section, in the order of the Profile Fields grid. */
const SECTIONS = Object.freeze([
  { title: 'Name', keys: ['firstName', 'lastName'] as ProfileKey[], type: 'text' },
  { title: 'Email', keys: numbered('email', 4), type: 'email' },
  { title: 'Phone', keys: numbered('phone', 4), type: 'tel' },
  { title: 'Aux IDs', keys: numbered('auxId', 10), type: 'text' },
] as const);

/** One Local Directory user: account, password (write-only) and every profile property. */
export function UserForm({
  userId,
  values,
  version,
  save,
}: {
  userId: string;
  values: DirectoryUserValues;
  version: number;
  save: SaveUserAction;
}) {
  const form = useForm<DirectoryUserValues>({ resolver: zodResolver(directoryUserSchema), defaultValues: values });
  return (
    <TabForm
      form={form}
      tab="directory-user"
      tabLabel="User"
      subject="this user"
      version={version}
      save={(next, v) => save(userId, v, next)}
    >
      <Section title="Account">
        <TextInput name="username" label={userFieldLabel('username')} hint="Sign-in ignores case" />
        <BooleanSelect name="disabled" label={userFieldLabel('disabled')} hint="A disabled user cannot sign in to any realm" />
        <div className="sm:col-span-2">
          <SecretInput
            name="password"
            label={userFieldLabel('password')}
            clearable={false}
            hint={`At least ${PASSWORD_MIN} characters. Stored only as a hash: it cannot be shown, only replaced.`}
          />
        </div>
      </Section>
      {SECTIONS.map((section) => (
        <Section key={section.title} title={section.title}>
          {section.keys.map((key) => (
            <TextInput key={key} name={key} label={userFieldLabel(key)} type={section.type} autoComplete="off" />
          ))}
        </Section>
      ))}
      <Section title="Groups">
        <div className="sm:col-span-2">
          <TextArea name="groups" label={userFieldLabel('groups')} rows={4} hint="One group per line" />
        </div>
      </Section>
    </TabForm>
  );
}
