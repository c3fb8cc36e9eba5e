import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http-errors.js';
import type { Principal } from './principal.js';

/** The caller of a route that is not public (the access check has already made sure there is one). */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new ApiError('unauthenticated', 'log in first');
  return request.principal;
}
