/**
 * How failed logins slow down (NIST SP 800-63B §5.2.2, rate limiting): per account and per client
 * address, each with a few free attempts, then 1 s, 2 s, 4 s … up to 15 minutes. The counting is
 * the workspace's (login_throttle table, so a restart does not reset it); the policies are here.
 */
import { accountKey, addressKey, type ThrottlePolicy } from '../../workspace/login-throttle.js';

/** An account gets 5 free attempts: enough for typos, far too few for guessing. */
export const ACCOUNT_POLICY: ThrottlePolicy = {
  freeAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60 * 1000,
  forgetAfterMs: 24 * 60 * 60 * 1000,
};

/** An address may be an office behind one NAT, so it gets more before it slows down. */
export const ADDRESS_POLICY: ThrottlePolicy = { ...ACCOUNT_POLICY, freeAttempts: 20 };

export function throttleKeys(usernameKey: string, address: string): { account: string; address: string } {
  return { account: accountKey(usernameKey), address: addressKey(address) };
}
