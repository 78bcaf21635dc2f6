/** What end users read on the sign-in pages; the details go to the log (STYLE §4). */

/** One message for every wrong username or password: it never tells which usernames exist. */
export const INVALID_CREDENTIALS = 'The username or password is incorrect.';

export const MISCONFIGURED =
  'Sign-in to this application is not set up correctly. Please contact your administrator and quote the reference below.';
