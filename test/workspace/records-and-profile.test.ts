import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProductDetail } from '../../src/workspace/product-detail.js';
import { createProduct, getProduct } from '../../src/workspace/products.js';
import { getProfile, setProfileAnswers } from '../../src/workspace/profile.js';
import { setGuidelineAttestation, setRequirementRecord } from '../../src/workspace/records.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { InvalidInputError, StaleRevisionError } from '../../src/workspace/workspace-errors.js';
import { ALICE, BOB, freshDatabase, TEST_DATABASES, type TestDatabase } from '../storage/test-databases.js';

/** The mapping, read from the data file itself: which requirements guideline 1 is decided by. */
const MAPPING = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../data/mappings/iotsf-cf-1.1--dcms-cop-2018.json'), 'utf8'),
) as { links: { source: string; target: string }[] };
const GUIDELINE_1 = [...new Set(MAPPING.links.filter((l) => l.target === '1').map((l) => l.source))];

describe.each(TEST_DATABASES)('records, attestations and the profile on %s', (kind) => {
  let test: TestDatabase;
  let ws: Workspace;
  beforeAll(async () => {
    test = await freshDatabase(kind);
    ws = await test.workspace();
  });
  afterAll(async () => test?.dispose());

  it('lets two people edit different requirements from the same read, and refuses a stale edit of the same one', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Cam' });
    const a = await setRequirementRecord(ws, ALICE, p.id, '2.4.3.5', 0, {
      status: 'compliant',
      assessor: 'Alice',
    });
    const b = await setRequirementRecord(ws, BOB, p.id, '2.4.3.6', 0, {
      status: 'non-compliant',
      justification: 'no SBOM yet',
    });
    expect(a.record.revision).toBeGreaterThan(0);
    expect(b.record.revision).toBeGreaterThan(a.record.revision);
    const stale = await setRequirementRecord(ws, BOB, p.id, '2.4.3.5', 0, { status: 'non-compliant' }).catch(
      (e) => e,
    );
    expect(stale).toBeInstanceOf(StaleRevisionError);
    expect(stale.current).toMatchObject({
      status: 'compliant',
      assessor: 'Alice',
      revision: a.record.revision,
      updatedBy: 'alice',
    });
    // Reapplied on the current revision, it goes through.
    const c = await setRequirementRecord(ws, BOB, p.id, '2.4.3.5', a.record.revision, {
      status: 'non-compliant',
    });
    expect(c.record).toMatchObject({ status: 'non-compliant', assessor: null, updatedBy: 'bob' });
    // Record writes do not touch the product's own revision (its fields and profile).
    expect((await getProduct(ws, p.id)).revision).toBe(1);
  });

  it('refuses a stale create: someone else created the record first', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Cam 2' });
    await setRequirementRecord(ws, ALICE, p.id, '2.4.3.5', 0, { status: 'compliant' });
    await expect(
      setRequirementRecord(ws, BOB, p.id, '2.4.3.5', 0, { status: 'compliant' }),
    ).rejects.toBeInstanceOf(StaleRevisionError);
  });

  it('reports unknown and ambiguous requirement ids like the assessment file does', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Cam 3' });
    const unknown = await setRequirementRecord(ws, ALICE, p.id, '2.4.7.99', 0, { status: 'compliant' }).catch(
      (e) => e,
    );
    expect(unknown).toBeInstanceOf(InvalidInputError);
    expect(unknown.issues[0]).toMatchObject({ code: 'unknown-requirement' });
    expect(unknown.issues[0].hint).toMatch(/did you mean .*2\.4\.7\./);
    const ambiguous = await setRequirementRecord(ws, ALICE, p.id, '2.4.3.13', 0, {
      status: 'compliant',
    }).catch((e) => e);
    expect(ambiguous.issues[0]).toMatchObject({ code: 'ambiguous-requirement' });
    expect(ambiguous.issues[0].hint).toContain('2.4.3.13/1 or 2.4.3.13/2');
    const ok = await setRequirementRecord(ws, ALICE, p.id, '2.4.3.13/2', 0, { status: 'compliant' });
    expect(ok.target).toEqual({ kind: 'requirement', id: '2.4.3.13/2' });
  });

  it('needs a justification for a hand-set not-applicable, unless the profile makes it not applicable too', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Cam 4' });
    const refused = await setRequirementRecord(ws, ALICE, p.id, '2.4.3.6', 0, {
      status: 'not-applicable',
    }).catch((e) => e);
    expect(refused).toBeInstanceOf(InvalidInputError);
    expect(refused.issues[0]).toMatchObject({ code: 'justification-required' });
    expect(
      await setRequirementRecord(ws, ALICE, p.id, '2.4.3.6', 0, {
        status: 'not-applicable',
        justification: 'Sold as a kit',
      }),
    ).toBeDefined();
    await setProfileAnswers(ws, ALICE, p.id, 1, { mqtt: false });
    const derived = await setRequirementRecord(ws, ALICE, p.id, '2.4.7.13', 0, { status: 'not-applicable' });
    expect(derived.record.status).toBe('not-applicable');
  });

  it('needs a justification for a profile override, and warns about an unmarked contradiction', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Cam 5' });
    await setProfileAnswers(ws, ALICE, p.id, 1, { mqtt: false });
    const refused = await setRequirementRecord(ws, ALICE, p.id, '2.4.7.13', 0, {
      status: 'compliant',
      profileOverride: true,
    }).catch((e) => e);
    expect(refused.issues.map((i: { code: string }) => i.code)).toContain('justification-required');
    const warned = await setRequirementRecord(ws, ALICE, p.id, '2.4.7.13', 0, { status: 'compliant' });
    expect(warned.findings.map((f) => f.code)).toContain('status-contradicts-profile');
    const detail = await getProductDetail(ws, p.id);
    expect(detail.report.warnings.some((w) => w.includes('2.4.7.13'))).toBe(true);
  });

  it('meets guideline 1 exactly when every requirement the mapping gives it is compliant', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Cam 6' });
    expect(GUIDELINE_1.length).toBeGreaterThan(5);
    let last: Awaited<ReturnType<typeof setRequirementRecord>> | null = null;
    for (const id of GUIDELINE_1) {
      expect(last?.outcomes['1'] ?? 'incomplete').not.toBe('met');
      last = await setRequirementRecord(ws, ALICE, p.id, id, 0, { status: 'compliant' });
    }
    expect(last?.outcomes['1']).toBe('met');
    const detail = await getProductDetail(ws, p.id);
    expect(detail.report.guidelines.find((g) => g.id === '1')?.outcome).toBe('met');
  });

  it('takes attestations only for guidelines no requirement maps to', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Cam 7' });
    const mapped = await setGuidelineAttestation(ws, ALICE, p.id, '1', 0, { status: 'compliant' }).catch(
      (e) => e,
    );
    expect(mapped).toBeInstanceOf(InvalidInputError);
    expect(mapped.issues[0].code).toBe('attestation-not-needed');
    const unknown = await setGuidelineAttestation(ws, ALICE, p.id, '14', 0, { status: 'compliant' }).catch(
      (e) => e,
    );
    expect(unknown.issues[0].code).toBe('unknown-guideline');
    const unmapped = [...new Set(MAPPING.links.map((l) => l.target))];
    const free = Array.from({ length: 13 }, (_, i) => String(i + 1)).filter((g) => !unmapped.includes(g));
    expect(free).toEqual(['10']);
    const attested = await setGuidelineAttestation(ws, ALICE, p.id, '10', 0, {
      status: 'compliant',
      assessor: 'Alice',
    });
    expect(attested.outcomes['10']).toBe('met');
  });

  it('refuses record fields the assessment file would refuse', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Cam 8' });
    for (const input of [
      { status: 'done' },
      { status: 'compliant', date: '2026-02-30' },
      { status: 'compliant', justification: '   ' },
      { status: 'compliant', assessor: 'x'.repeat(201) },
    ]) {
      await expect(
        setRequirementRecord(ws, ALICE, p.id, '2.4.3.5', 0, input as never),
        JSON.stringify(input),
      ).rejects.toBeInstanceOf(InvalidInputError);
    }
  });

  it('replaces the profile, derives applicability, and records each changed answer', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Cam 9' });
    const first = await setProfileAnswers(ws, ALICE, p.id, 1, { mqtt: true, wifi: true, wps: true });
    expect(first.profile.revision).toBe(2);
    expect(first.profile.answers).toEqual({ mqtt: true, wifi: true, wps: true });
    const second = await setProfileAnswers(ws, BOB, p.id, 2, { mqtt: false, wifi: true });
    expect(second.profile.answers).toEqual({ mqtt: false, wifi: true });
    const mqtt = second.profile.applicability.find((a) => a.requirement === '2.4.7.13');
    expect(mqtt).toMatchObject({ kind: 'not-applicable' });
    expect(mqtt?.reason).toMatch(/MQTT/);
    const profile = await getProfile(ws, p.id);
    expect(profile).toEqual(second.profile);
    const unknownAnswer = profile.applicability.find((a) => a.kind === 'unknown');
    expect(unknownAnswer?.missing.length).toBeGreaterThan(0);
  });

  it('refuses unknown questions with the nearest one, and a stale profile', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Cam 10' });
    const error = await setProfileAnswers(ws, ALICE, p.id, 1, { mqqt: true }).catch((e) => e);
    expect(error.issues[0]).toMatchObject({ code: 'unknown-fact' });
    expect(error.issues[0].hint).toContain('mqtt');
    await setProfileAnswers(ws, ALICE, p.id, 1, { mqtt: true });
    await expect(setProfileAnswers(ws, BOB, p.id, 1, { mqtt: false })).rejects.toBeInstanceOf(
      StaleRevisionError,
    );
  });

  it('refuses a profile change that would leave a record breaking a rule, naming it, and changes nothing', async () => {
    const p = await createProduct(ws, ALICE, { name: 'Cam 11' });
    await setProfileAnswers(ws, ALICE, p.id, 1, { mqtt: false });
    await setRequirementRecord(ws, ALICE, p.id, '2.4.7.13', 0, { status: 'not-applicable' });
    const error = await setProfileAnswers(ws, ALICE, p.id, 2, { mqtt: true }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.issues[0]).toMatchObject({ code: 'justification-required' });
    expect(error.message).toContain('2.4.7.13');
    expect((await getProfile(ws, p.id)).answers).toEqual({ mqtt: false });
    expect((await getProduct(ws, p.id)).revision).toBe(2);
  });
});
