import type { Renderer } from '../../renderers/renderer.js';
import { reportToOscal } from './report-to-oscal.js';

/** `report --format oscal`: the report model as OSCAL 1.2 assessment-results JSON (docs/oscal.md). */
export const renderOscal: Renderer = (report) => `${JSON.stringify(reportToOscal(report), null, 2)}\n`;
