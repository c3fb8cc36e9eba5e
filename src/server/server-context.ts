/** What every route plugin of the server gets: the workspace (database + catalog) and the server's settings. */
import type { Workspace } from '../workspace/workspace.js';
import type { ScryptParams } from './auth/password-hash.js';

export interface ServerContext {
  readonly workspace: Workspace;
  /** The clock: the workspace's, so tests move both with one fake. */
  readonly now: () => Date;
  /** Set the cookie's Secure flag (served over https, directly or behind a proxy that says so). */
  readonly secureCookies: boolean;
  /** scrypt parameters for new password hashes (tests pass cheaper ones; see password-hash.ts). */
  readonly passwordHashing: ScryptParams & { readonly version: string };
}
