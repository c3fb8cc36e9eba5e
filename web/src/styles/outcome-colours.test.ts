// The app's outcome and status colours must be the reports' colours (src/renderers/labels.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/package-root.js';
import { OUTCOME_STYLE, STATUS_STYLE } from '../lib/labels.js';

const css = readFileSync(join(packageRoot(), 'web/src/styles/outcomes.css'), 'utf8');

function block(selector: string): string {
  const match = new RegExp(`\\${selector}\\s*\\{([^}]*)\\}`).exec(css);
  if (!match?.[1]) throw new Error(`outcomes.css has no rule for ${selector}`);
  return match[1];
}

const variable = (rule: string, name: string) =>
  new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(rule)?.[1];

describe('outcome colours', () => {
  for (const [kind, styles] of [
    ['outcome', OUTCOME_STYLE],
    ['status', STATUS_STYLE],
  ] as const) {
    for (const [key, style] of Object.entries(styles)) {
      it(`${kind} ${key} has the reports' text, background and bar colours`, () => {
        const rule = block(`.${kind}--${key}`);
        expect(variable(rule, 'fg')).toBe(style.fg);
        expect(variable(rule, 'bg')).toBe(style.bg);
        expect(variable(rule, 'strong')).toBe(style.bar);
      });
    }
  }
});
