/**
 * The wording helpers the renderers share: provenance and relationships worded for a reader, short
 * hashes, the evidence register and the one-line warning count. Expected strings are written out.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/report-model.js';
import {
  citedEvidence,
  provenanceText,
  RELATIONSHIP_LABEL,
  shortHash,
  warningsSummary,
} from '../../src/renderers/labels.js';

const SHA = '0616d690fca43b9677412c93039bf12302143e3d3c498d1ec1b178a907ebb010';

describe('provenanceText', () => {
  it.each([
    ['iotsf-appnote-2018-03', 'IoTSF application note (March 2018)'],
    [
      'iotsf-appnote-2018-03, Table 1 row 66, line 128',
      'IoTSF application note (March 2018), Table 1 row 66',
    ],
    [
      'iotsf-appnote-2018-03 Table 1 row 61 (guideline 5, line 123)',
      'IoTSF application note (March 2018), Table 1 row 61 (guideline 5)',
    ],
    [
      'Table 1 row 61 of the IoTSF application note (guideline 5)',
      'Table 1 row 61 of the IoTSF application note (guideline 5)',
    ],
    ['Table 2 (line 40)', 'Table 2'],
    ['some-other-doc, page 3', 'some-other-doc, page 3'],
  ])('%s', (source, expected) => {
    expect(provenanceText(source)).toBe(expected);
  });
});

describe('labels', () => {
  it('words an unspecified relationship for a reader', () => {
    expect(RELATIONSHIP_LABEL.unspecified).toBe('mapped (relationship not stated by the source)');
    expect(RELATIONSHIP_LABEL['subset-of']).toBe('subset of');
  });

  it('shortens a SHA-256 to 12 hex digits and an ellipsis', () => {
    expect(shortHash(SHA)).toBe('0616d690fca4…');
    expect(shortHash('abc')).toBe('abc');
  });
});

describe('citedEvidence', () => {
  it('lists each file and link once, in report order, with every place that cites it; notes not at all', () => {
    const file = { kind: 'file', path: 'e/a.txt', sha256: SHA, title: null } as const;
    const url = { kind: 'url', url: 'https://example.com', title: 'Site' } as const;
    const note = { kind: 'note', text: 'n' } as const;
    const report = {
      guidelines: [
        { id: '1', requirements: ['r1', 'r2'], attestation: null },
        { id: '2', requirements: ['r2'], attestation: { evidence: [url, file] } },
      ],
      requirements: [
        { id: 'r1', guidelines: ['1'], evidence: [note, file] },
        { id: 'r2', guidelines: ['1', '2'], evidence: [url, { ...file }] },
        { id: 'r3', guidelines: [], evidence: [{ ...file, sha256: 'f'.repeat(64) }] },
      ],
    } as unknown as Report;
    expect(citedEvidence(report)).toEqual([
      {
        evidence: file,
        index: 1,
        citedBy: [
          { requirement: 'r1', guideline: '1' },
          { requirement: 'r2', guideline: '1' },
          { requirement: null, guideline: '2' },
        ],
      },
      {
        evidence: url,
        index: 2,
        citedBy: [
          { requirement: 'r2', guideline: '1' },
          { requirement: null, guideline: '2' },
        ],
      },
      {
        evidence: { ...file, sha256: 'f'.repeat(64) },
        index: 3,
        citedBy: [{ requirement: 'r3', guideline: null }],
      },
    ]);
  });
});

describe('warningsSummary', () => {
  const report = (warnings: string[]) => ({ tool: { name: 'iotassure' }, warnings }) as unknown as Report;

  it('is null without warnings and names the file they share', () => {
    expect(warningsSummary(report([]))).toBeNull();
    expect(warningsSummary(report(['a/b.yaml:3:1: warning x: y']))).toBe(
      '1 warning while reading the assessment (printed on stderr; `iotassure validate a/b.yaml` lists it again)',
    );
  });

  it('says FILE when the warnings name different files or a file that would need quoting', () => {
    expect(warningsSummary(report(['a.yaml:1:1: warning x', 'b.yaml:1:1: warning y']))).toContain(
      '`iotassure validate FILE` lists them again',
    );
    expect(warningsSummary(report(['my file.yaml:1:1: warning x']))).toContain('`iotassure validate FILE`');
  });
});
