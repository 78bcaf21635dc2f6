'use client';

import { useController, useFormContext } from 'react-hook-form';

import { MAX_LOGO_BYTES, parseLogo } from '@/lib/realm/schemas/overview';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';

/** Company Logo: a PNG, JPEG or SVG of at most 256 KB, kept in the form as a data: URL. */
export function LogoInput({ name, label }: { name: string; label: string }) {
  const { control, setError, clearErrors } = useFormContext();
  const { field, fieldState } = useController({ control, name });
  const logo = field.value as string;

  function load(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_LOGO_BYTES) {
      setError(name, { type: 'size', message: `The logo is ${Math.ceil(file.size / 1024)} KB; use an image of at most 256 KB` });
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      const dataUrl = String(reader.result);
      const parsed = parseLogo(dataUrl);
      if (typeof parsed === 'string') return setError(name, { type: 'type', message: parsed });
      clearErrors(name);
      field.onChange(dataUrl);
    };
    reader.readAsDataURL(file);
  }

  return (
    <Field
      id={`field-${name}`}
      label={label}
      hint="PNG, JPEG or SVG, at most 256 KB; shown on the realm's sign-in pages"
      error={fieldState.error?.message}
    >
      {(a11y) => (
        <div className="flex flex-wrap items-center gap-3">
          {logo && (
            // eslint-disable-next-line @next/next/no-img-element -- a data: URL preview; next/image adds nothing here
            <img src={logo} alt="Current company logo" className="h-12 max-w-40 rounded object-contain ring-1 ring-slate-200" />
          )}
          <input
            {...a11y}
            type="file"
            accept="image/png,image/jpeg,image/svg+xml"
            onChange={(event) => {
              load(event.target.files?.[0]);
              event.target.value = ''; // choosing the same file again still loads it
            }}
            className={`${inputClass} max-w-72`}
          />
          {logo && (
            <Button variant="ghost" onClick={() => field.onChange('')}>
              Remove logo
            </Button>
          )}
        </div>
      )}
    </Field>
  );
}
