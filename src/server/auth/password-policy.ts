/**
 * The password rules, after NIST SP 800-63B §5.1.1.2 as the IoTSF Compliance Framework asks
 * (2.4.8.4: no null or blank passwords; 2.4.8.5: no password containing the account name; 2.4.8.6:
 * length and character rules per SP 800-63B). SP 800-63B asks for length and a blocklist, and
 * against composition rules ("one digit, one symbol") and periodic changes, because those push
 * people to predictable patterns; so there are none here.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * SP 800-63B requires at least 8 characters for a password chosen by its user and recommends
 * allowing at least 64. This server guards compliance evidence for a whole product line and is
 * reachable over a network without a second factor, so it asks for 12: a length the common
 * password lists barely reach (about 300 of their 49,000 entries) and that keeps online guessing,
 * already slowed by throttling, hopeless.
 */
export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase or password manager; short enough that hashing stays cheap. */
export const PASSWORD_MAX_LENGTH = 256;

/** NFKC, as SP 800-63B §5.1.1.2 asks, so the same password typed on two keyboards is the same. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** NFKC and lower case: how user names and passwords are compared for the rules below. */
function foldCase(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('en');
}

let blocklist: ReadonlySet<string> | null = null;
/** The zxcvbn common-password list (about 49,000 entries from breach corpora), lower-cased. */
function commonPasswords(): ReadonlySet<string> {
  blocklist ??= new Set(dictionary['passwords-common'].map(foldCase));
  return blocklist;
}

/** The rules in words, as forms show them before anyone types. */
export const PASSWORD_RULES: readonly string[] = [
  `At least ${PASSWORD_MIN_LENGTH} characters and at most ${PASSWORD_MAX_LENGTH}; spaces and any Unicode characters are allowed.`,
  'Not blank and not only spaces.',
  'Not one of the most common passwords (checked against a list of about 49,000).',
  'Must not contain your user name.',
  'No other composition rules: a long passphrase is the best choice.',
];

/**
 * Why `password` is not acceptable for the account `username`, or null when it is. Length counts
 * characters (Unicode code points) of the NFKC form, which is what gets hashed.
 */
export function passwordProblem(password: string, username: string): string | null {
  const normal = normalizePassword(password);
  if (normal.trim().length === 0) return 'the password must not be blank or only spaces';
  const length = [...normal].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return `the password must be at least ${PASSWORD_MIN_LENGTH} characters long (it has ${length}); a few words make a good one`;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return `the password must be at most ${PASSWORD_MAX_LENGTH} characters long (it has ${length})`;
  }
  const folded = foldCase(normal);
  const name = foldCase(username.trim());
  if (name.length > 0 && folded.includes(name)) {
    return 'the password must not contain the user name';
  }
  if (commonPasswords().has(folded)) {
    return 'the password is one of the most commonly used passwords; choose another';
  }
  return null;
}
