/** What is wrong with a bundle, and which member (file in the bundle) it is about, if any. */
export interface BundleProblem {
  /** A member's name, or null for the bundle as a whole. */
  readonly member: string | null;
  readonly message: string;
}

/** Thrown when a bundle is refused outright: reading stops at once, and nothing is written. */
export class BundleRefused extends Error {
  constructor(readonly problem: BundleProblem) {
    super(problem.member ? `${problem.member}: ${problem.message}` : problem.message);
    this.name = 'BundleRefused';
  }
}

export const refuse = (member: string | null, message: string): BundleRefused =>
  new BundleRefused({ member, message });
