import { describe, expect, it } from 'vitest';
import {
  exampleReport,
  guidelinesFixture,
  requirementsFixture,
} from '../../../test-support/catalog-fixture.js';
import { checklistFiltersFromParams, filterRequirements, stakeholdersById } from './checklist-filters.js';

const report = exampleReport('wifi-camera');
const catalog = requirementsFixture();
const stakeholders = stakeholdersById(catalog);
const filter = (search: string) =>
  filterRequirements(
    report.requirements,
    checklistFiltersFromParams(new URLSearchParams(search)),
    stakeholders,
  ).map((r) => r.id);

describe('checklist filters', () => {
  it('narrows to the requirements the catalog maps to a guideline', () => {
    const guideline5 = guidelinesFixture().items.find((g) => g.id === '5');
    expect(new Set(filter('guideline=5'))).toEqual(new Set(guideline5?.requirements));
  });

  it('narrows to a CF section', () => {
    const expected = catalog.items.filter((r) => r.section === '2.4.8').map((r) => r.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(new Set(filter('section=2.4.8'))).toEqual(new Set(expected));
  });

  it('narrows to a status and an applicability, as the report states them', () => {
    const nonCompliant = report.requirements.filter((r) => r.status === 'non-compliant').map((r) => r.id);
    expect(filter('status=non-compliant')).toEqual(nonCompliant);
    // The example's product does not use CoAP, so 2.4.7.14 does not apply (its header says so).
    expect(filter('applicability=not-applicable')).toContain('2.4.7.14');
  });

  it('narrows to a stakeholder: only requirements of guidelines that name it', () => {
    const retail = filter('stakeholder=retailers');
    const retailGuidelines = guidelinesFixture()
      .items.filter((g) => g.stakeholders.includes('retailers'))
      .map((g) => g.id);
    expect(retailGuidelines).toEqual(['8']);
    expect(new Set(retail)).toEqual(
      new Set(guidelinesFixture().items.find((g) => g.id === '8')?.requirements),
    );
  });

  it('finds every word of a search, in any case, in the number, text or justification', () => {
    expect(filter('q=MQTT%20tls')).toContain('2.4.7.13');
    // A number also finds the requirements whose justification cites it.
    const citing = report.requirements
      .filter((r) =>
        [r.id, r.text, r.justification, ...r.variants.map((v) => v.text)].some((t) =>
          t?.includes('2.4.7.13'),
        ),
      )
      .map((r) => r.id);
    expect(citing.length).toBeGreaterThan(1);
    expect(filter('q=2.4.7.13')).toEqual(citing);
    expect(filter('q=mqtt%20zzzz-no-such-word')).toEqual([]);
  });
});
