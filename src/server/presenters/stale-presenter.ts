/**
 * What a 409 shows as `details.current`: the state the client must reload. The workspace attaches
 * its own current value (a product, a profile, a record); only the known shapes leave the server,
 * each through the same allow-list its GET uses.
 */
import { productSchema } from '../api/product-schemas.js';
import { profileSchema } from '../api/profile-schemas.js';
import { recordStateSchema } from '../api/record-schemas.js';

const SHAPES = [productSchema, profileSchema, recordStateSchema] as const;

export function presentCurrent(current: unknown): unknown {
  for (const shape of SHAPES) {
    const parsed = shape.safeParse(current);
    if (parsed.success) return parsed.data;
  }
  return null;
}
