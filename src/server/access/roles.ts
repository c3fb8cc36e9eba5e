/**
 * What each role of the team server may do. The roles themselves are stored data, so their list
 * lives with the database schema; this module adds only their order: each role can do everything
 * the roles below it can (a viewer reads; an assessor also edits products and assessments; an
 * administrator also manages users and API tokens).
 */
import { ROLES, type Role } from '../../storage/database-schema.js';

export { ROLES, type Role };

const RANK: Record<Role, number> = { viewer: 0, assessor: 1, administrator: 2 };

/** True when `held` includes everything `needed` allows. */
export function roleAtLeast(held: Role, needed: Role): boolean {
  return RANK[held] >= RANK[needed];
}

/** The weaker of two roles: an API token never acts above its creator's current role. */
export function weakerRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}
