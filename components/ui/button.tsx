import type { ButtonHTMLAttributes } from 'react';

// The classes are defined in app/globals.css: one short name per variant rather than a dozen utilities on every
// button, so that a page listing many rows, each with its buttons, stays small (the realms list: 50 rows of three).
const VARIANTS = Object.freeze({
  primary: 'btn-primary',
  secondary: 'btn-secondary',
  danger: 'btn-danger',
  ghost: 'btn-ghost',
} satisfies Record<string, string>);

export type ButtonVariant = keyof typeof VARIANTS;

export function buttonClass(variant: ButtonVariant = 'secondary'): string {
  return `btn ${VARIANTS[variant]}`;
}

export function Button({
  variant = 'secondary',
  className = '',
  type = 'button',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} className={className ? `${buttonClass(variant)} ${className}` : buttonClass(variant)} {...props} />;
}
