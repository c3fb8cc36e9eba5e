/**
 * Real data for component tests, in the shapes the API serves: the bundled catalog through the
 * server's own presenters, and the report model of an example product built by the core. Nothing
 * here is invented, so a test that passes against it passes against the server's data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAssessmentText } from '../../../src/assessment-file/read-assessment.js';
import { contextLoader } from '../../../src/catalog-files/context-loader.js';
import { buildReport } from '../../../src/core/report/report-model.js';
import { packageRoot } from '../../../src/package-root.js';
import {
  catalogGuidelines,
  catalogRequirements,
  profileQuestions,
} from '../../../src/server/presenters/catalog-presenter.js';
import type { ProductDetail, RecordState, Report, Session } from '../api/api-types.js';

const loader = contextLoader();
const ctx = loader.contextFor(undefined);

export const guidelinesFixture = () => catalogGuidelines(ctx);
export const requirementsFixture = () => catalogRequirements(ctx);
export const profileQuestionsFixture = () => profileQuestions(ctx);

export function exampleReport(
  example: 'wifi-camera' | 'smart-plug' | 'ble-wearable' = 'wifi-camera',
): Report {
  const path = join(packageRoot(), 'examples', example, 'assessment.yaml');
  const read = readAssessmentText(readFileSync(path, 'utf8'), 'assessment.yaml', loader.contextFor, {
    checkEvidence: false,
  });
  if (!read.assessment || !read.evaluation)
    throw new Error(`example ${example} does not read: ${JSON.stringify(read.diagnostics)}`);
  return buildReport({
    ctx,
    assessment: read.assessment,
    evaluation: read.evaluation,
    generatedAt: '2026-12-01T10:00:00.000Z',
    tool: { name: 'iotassure', version: '0.1.0' },
    warnings: [],
  }) as Report;
}

const AT = '2026-12-01T10:00:00.000Z';

/** A product detail as GET /api/v1/products/:id answers it, around an example's report. */
export function productDetailFixture(report: Report = exampleReport(), revision = 7): ProductDetail {
  const records: Record<string, RecordState> = {};
  for (const r of report.requirements) {
    if (r.recordedStatus === null) continue;
    records[r.id] = {
      revision: 3,
      status: r.recordedStatus,
      justification: r.justification,
      profileOverride: false,
      assessor: r.assessor,
      date: r.date,
      updatedAt: AT,
      updatedBy: 'priya',
    };
  }
  return {
    product: {
      id: 'p-1',
      name: report.product.name,
      model: report.product.model,
      version: report.product.version,
      manufacturer: report.product.manufacturer,
      description: report.product.description,
      roles: [...report.product.roles],
      revision,
      archivedAt: null,
      createdAt: AT,
      createdBy: 'ada',
      updatedAt: AT,
      updatedBy: 'ada',
    },
    report,
    records,
    attestations: {},
    evidence: [],
  };
}

export function sessionFixture(role: Session['user']['role']): Session {
  return {
    user: {
      id: `u-${role}`,
      username: role,
      displayName: `${role[0]?.toUpperCase()}${role.slice(1)} User`,
      role,
      disabled: false,
      disabledAt: null,
      createdAt: AT,
      passwordChangedAt: AT,
    },
    via: 'session',
    csrfToken: `csrf-${role}`,
    expiresAt: '2026-12-02T10:00:00.000Z',
    tokenRole: null,
  };
}

/** The portfolio as GET /api/v1/products answers it, for the three example products. */
export function portfolioFixture() {
  const examples = ['wifi-camera', 'smart-plug', 'ble-wearable'] as const;
  const items = examples.map((example, i) => {
    const report = exampleReport(example);
    return {
      id: `p-${i + 1}`,
      name: report.product.name,
      model: report.product.model,
      version: report.product.version,
      manufacturer: report.product.manufacturer,
      archivedAt: null,
      updatedAt: AT,
      revision: 1,
      outcomes: Object.fromEntries(report.guidelines.map((g) => [g.id, g.outcome])),
      guidelinesMet: report.summary.guidelinesMet,
      compliantShare: report.summary.compliantShare,
      topPriorityMet: report.summary.topPriority.allMet,
    };
  });
  const counts: Record<string, Record<string, number>> = {};
  for (const row of items)
    for (const [g, outcome] of Object.entries(row.outcomes)) {
      counts[g] ??= {};
      const forGuideline = counts[g];
      forGuideline[outcome] = (forGuideline[outcome] ?? 0) + 1;
    }
  return { items, page: 1, pageSize: 50, total: items.length, counts };
}
