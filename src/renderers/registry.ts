import type { Renderer, ReportFormat } from './renderer.js';

/** Loaded on demand so that `iotassure report` pays only for the renderer it uses. */
export const RENDERERS: Record<ReportFormat, () => Promise<Renderer>> = {
  json: async () => (await import('./json-renderer.js')).renderJson,
  text: async () => (await import('./json-renderer.js')).renderJson,
  md: async () => (await import('./json-renderer.js')).renderJson,
  html: async () => (await import('./json-renderer.js')).renderJson,
};
