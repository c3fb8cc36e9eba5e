/**
 * OSCAL identifiers for iotassure's frameworks, groups and items. OSCAL ids are tokens: a letter or
 * `_` first, then letters, digits, `.`, `-`, `_` — so "2.4.3.5" (a digit first) and "2.4.3.13/1" (a
 * slash) cannot be used as they are. Every id is the framework id, `_`, and the item's own id with
 * `/` written as `_`: `iotsf-cf-1.1_2.4.3.5`, `iotsf-cf-1.1_2.4.3.13_1`, `dcms-cop-2018_1`. The
 * framework prefix keeps the ids of two catalogs apart, so assessment results and mappings can name
 * controls of both. Catalog, mapping and assessment-results exports all use these functions, so
 * their references agree; the printed number travels beside the id as the `label` property.
 */

const TOKEN = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;

/** A string made into an OSCAL token: other characters become `_`, and `_` goes first if needed. */
export function toToken(text: string): string {
  if (/^[A-Za-z_][A-Za-z0-9._-]*$/.test(text)) return text; // the usual case, without Unicode classes
  const body = text.replace(/[^\p{L}\p{N}._-]/gu, '_');
  return TOKEN.test(body) ? body : `_${body}`;
}

export function controlId(frameworkId: string, itemId: string): string {
  return toToken(`${frameworkId}_${itemId}`);
}

export function groupId(frameworkId: string, groupIdInFramework: string): string {
  return toToken(`${frameworkId}_${groupIdInFramework}`);
}

/** The id of a control's statement part (NIST's `_smt` convention); findings target it. */
export function statementId(frameworkId: string, itemId: string): string {
  return `${controlId(frameworkId, itemId)}_smt`;
}

/** Thrown when two different things would get the same OSCAL id; the data must change. */
export class OscalIdCollision extends Error {
  constructor(
    readonly id: string,
    readonly first: string,
    readonly second: string,
  ) {
    super(
      `${first} and ${second} would both have the OSCAL id "${id}"; rename one of them (ids differing only in "/" versus "_" cannot both be exported)`,
    );
    this.name = 'OscalIdCollision';
  }
}

/** Hands out ids for one document and refuses a second owner of the same id. */
export class IdRegistry {
  private readonly owners = new Map<string, string>();

  claim(id: string, owner: string): string {
    const previous = this.owners.get(id);
    if (previous !== undefined && previous !== owner) throw new OscalIdCollision(id, previous, owner);
    this.owners.set(id, owner);
    return id;
  }
}
