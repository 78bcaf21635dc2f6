import type { FieldChange } from './types';

/** A value at the end of a path: what a form field holds. */
export type Leaf = string | number | boolean | null;

/** Flattens nested values to form paths, in order: `{ a: [{ b: 1 }] }` → `a.0.b` → 1. Undefined is absent. */
export function flattenValues(value: unknown, prefix = '', into = new Map<string, Leaf>()): Map<string, Leaf> {
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) flattenValues(child, prefix ? `${prefix}.${key}` : key, into);
  } else if (prefix && value !== undefined) {
    into.set(prefix, value as Leaf);
  }
  return into;
}

/** A value as the history shows it: booleans read True/False, as the console's True/False selects do. */
export function formatLeaf(value: Leaf): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return value === null ? '' : String(value);
}

export type DiffOptions = {
  /** The console's label for a path. */
  label: (path: string) => string;
  /** The value as the console shows it (an option's label, a certificate's serial); default formatLeaf. */
  format?: (path: string, value: Leaf) => string;
};

/**
 * The fields that differ between two versions of an object, field by field with labels and display values.
 * `null` for a whole side means the object did not exist (created or deleted). Secrets must not be in
 * `before` or `after`: callers leave them out and add secretChange() entries.
 */
export function diffValues(before: object | null, after: object | null, { label, format = (_, value) => formatLeaf(value) }: DiffOptions) {
  const old = before ? flattenValues(before) : new Map<string, Leaf>();
  const next = after ? flattenValues(after) : new Map<string, Leaf>();
  const paths = [...new Set([...old.keys(), ...next.keys()])];
  return paths
    .filter((path) => !old.has(path) || !next.has(path) || old.get(path) !== next.get(path))
    .map((path): FieldChange => ({
      field: path,
      label: label(path),
      before: old.has(path) ? format(path, old.get(path) ?? null) : null,
      after: next.has(path) ? format(path, next.get(path) ?? null) : null,
    }));
}

/** A secret field that changed: the record says so, and nothing else. */
export function secretChange(field: string, label: string): FieldChange {
  return { field, label, changed: true };
}

/** The object without the given keys (its secrets, before diffing or storing it). */
export function omitKeys<T extends object>(value: T, keys: readonly string[]): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key))) as Partial<T>;
}
