/**
 * Errors with a public message (safe for the browser) and an optional internal reason (for the log only).
 * STYLE §4: the log gets the reason, the browser gets the message.
 */
export class AppError extends Error {
  constructor(
    message: string,
    readonly reason?: string,
    /** The HTTP status for pages that show this error to end users. */
    readonly status = 400,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that breaks a rule; `fieldErrors` maps form paths (e.g. `samlAttributes.0.name`) to messages. */
export class ValidationError extends AppError {
  constructor(
    readonly fieldErrors: Record<string, string>,
    message = Object.values(fieldErrors)[0] ?? 'Some values need your attention',
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {}

/** Someone saved the same realm after this copy was loaded (optimistic concurrency). */
export class ConflictError extends AppError {}

/** SAML cannot be issued: a misconfigured realm (503 by default) or, with 403, something about the user. */
export class SamlError extends AppError {
  constructor(message: string, reason?: string, status = 503) {
    super(message, reason, status);
  }
}

/** A service provider's AuthnRequest that cannot be accepted: an unknown SP, a bad signature, a malformed message. */
export class SamlRequestError extends AppError {}

/** The signed-in admin's role does not allow this (an auditor asking for a change). */
export class ForbiddenError extends AppError {
  constructor(message = 'Your account can view the console but not change it (auditor role).') {
    super(message, undefined, 403);
  }
}
