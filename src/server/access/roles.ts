/**
 * The three roles of the team server, weakest first. Each role can do everything the roles before
 * it can: a viewer reads, an assessor also edits products and assessments, an administrator also
 * manages users, API tokens and settings.
 */
export const ROLES = ['viewer', 'assessor', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, assessor: 1, administrator: 2 };

/** True when `held` includes everything `needed` allows. */
export function roleAtLeast(held: Role, needed: Role): boolean {
  return RANK[held] >= RANK[needed];
}
