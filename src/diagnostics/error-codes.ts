/**
 * The catalogue of diagnostic codes. Each is stable once released; docs/errors.md documents every
 * one, and a test keeps the two in step.
 */
export const DIAGNOSTIC_CODES = {
  'file-unreadable': 'The file could not be read (missing, a directory, or no permission).',
  'file-too-large': 'The file is larger than iotassure accepts for its kind.',
  syntax: 'The file is not well-formed YAML or JSON.',
  schema: 'A value has the wrong type, is missing, or is not allowed here.',
  'duplicate-id':
    'Two entries share an id: in a data file, or one requirement recorded twice in an assessment.',
  'unknown-reference': 'A data file refers to a framework, item, group or fact that does not exist.',
  'unknown-requirement': 'The assessment names a requirement the catalog does not have.',
  'ambiguous-requirement': 'The assessment names a printed number that two requirements share.',
  'unknown-guideline': 'The assessment attests a guideline the catalog does not have.',
  'attestation-not-needed': 'A guideline attestation is given for a guideline that has mapped requirements.',
  'unknown-fact': 'The profile answers a question the product profile does not ask.',
  'fact-contradicts-profile': 'A profile answer contradicts another answer it depends on.',
  'justification-required': 'A hand-set not-applicable status has no justification.',
  'status-contradicts-profile': 'A recorded status disagrees with what the product profile derives.',
  'evidence-missing': 'An evidence file does not exist.',
  'evidence-hash-mismatch': 'An evidence file does not have the SHA-256 the assessment records.',
  'evidence-outside': 'An evidence path is absolute or leaves the assessment folder.',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
