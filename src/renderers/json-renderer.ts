import type { Renderer } from './renderer.js';

/** The report model as JSON: the documented, stable shape of docs/report-json.md. */
export const renderJson: Renderer = (report) => `${JSON.stringify(report, null, 2)}\n`;
