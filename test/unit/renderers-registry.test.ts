/** `iotassure report --format` finds the right renderer for each format. */
import { describe, expect, it } from 'vitest';
import { renderOscal } from '../../src/exporters/oscal/oscal-renderer.js';
import { renderHtml } from '../../src/renderers/html-renderer.js';
import { renderJson } from '../../src/renderers/json-renderer.js';
import { renderMarkdown } from '../../src/renderers/markdown-renderer.js';
import { RENDERERS } from '../../src/renderers/registry.js';
import { REPORT_FORMATS } from '../../src/renderers/renderer.js';
import { renderText } from '../../src/renderers/text-renderer.js';

describe('renderer registry', () => {
  it('maps every format to its own renderer', async () => {
    expect(Object.keys(RENDERERS).sort()).toEqual([...REPORT_FORMATS].sort());
    expect(await RENDERERS.text()).toBe(renderText);
    expect(await RENDERERS.md()).toBe(renderMarkdown);
    expect(await RENDERERS.html()).toBe(renderHtml);
    expect(await RENDERERS.json()).toBe(renderJson);
    expect(await RENDERERS.oscal()).toBe(renderOscal);
  });
});
