/** Who makes a change: recorded with every audit event, and as the product's created/updated by. */
export type Actor =
  | { readonly kind: 'user'; readonly id: string; readonly label: string }
  /** An API token acts under its own name (label), e.g. "ci-nightly (token of alice)". */
  | { readonly kind: 'api-token'; readonly id: string; readonly label: string }
  /** The server itself or a command-line tool run by the operator (import, seed). */
  | { readonly kind: 'system'; readonly label: string };

export function actorId(actor: Actor): string | null {
  return actor.kind === 'system' ? null : actor.id;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', label: 'iotassure' };
