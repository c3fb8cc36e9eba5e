import type { z } from 'zod';

/**
 * A response body serialised once, through its schema (so the allow-list still applies), for
 * answers that never change while the server runs (the catalog). Sent as a string with a JSON
 * content type, fastify passes it through without serialising it again on every request.
 */
export function preserialized<S extends z.ZodType>(schema: S, value: z.output<S>): string {
  return JSON.stringify(schema.encode(value));
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
