/**
 * The session cookie: a random token (only its SHA-256 is stored), HttpOnly so scripts cannot read
 * it, SameSite=Strict so other sites cannot make the browser send it, Path=/; Secure when the
 * server is reached over https or is configured to say so.
 */
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'iotassure_session';

/**
 * NIST SP 800-63B (rev. 4) AAL2 reauthentication limits: the session ends after 1 hour without use
 * and 12 hours after login, whatever happens.
 */
export const SESSION_IDLE_MS = 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

export function sessionCookieToken(request: FastifyRequest): string | null {
  const value = request.cookies[SESSION_COOKIE];
  return typeof value === 'string' && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean, expiresAt: Date): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure,
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure });
}
