/** Administration: user accounts and API tokens. */
import { z } from 'zod';
import { entityIdSchema, list, nameText, timestampSchema } from './common-schemas.js';
import { passwordSchema, roleSchema, usernameSchema, userSchema } from './session-schemas.js';

export const userIdParamsSchema = z.object({ userId: entityIdSchema });

export const userListSchema = z.object({ items: list(userSchema) });

export const createUserBodySchema = z.strictObject({
  username: usernameSchema,
  displayName: nameText(200),
  role: roleSchema,
  /** The first password, checked against the password policy; the user should change it. */
  password: passwordSchema,
});

export const updateUserBodySchema = z
  .strictObject({
    role: roleSchema.optional(),
    displayName: nameText(200).optional(),
    /** true disables the account and ends its sessions; its API tokens stop working too. */
    disabled: z.boolean().optional(),
  })
  .refine((b) => b.role !== undefined || b.displayName !== undefined || b.disabled !== undefined, {
    message: 'give at least one of role, displayName or disabled',
  });

export const apiTokenSchema = z
  .object({
    id: entityIdSchema,
    name: z.string(),
    role: roleSchema,
    createdBy: z.object({ id: entityIdSchema, username: z.string() }).nullable(),
    createdAt: timestampSchema,
    lastUsedAt: timestampSchema.nullable(),
    revokedAt: timestampSchema.nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiTokenView = z.infer<typeof apiTokenSchema>;

export const tokenIdParamsSchema = z.object({ tokenId: entityIdSchema });

export const tokenListSchema = z.object({ items: list(apiTokenSchema) });

export const createTokenBodySchema = z.strictObject({
  name: nameText(100),
  /** The token can do what this role can; it may not be above the creator's role. */
  role: roleSchema,
});

export const createdTokenSchema = z.object({
  token: apiTokenSchema,
  /** `iot_…`: shown this once and never again (the server keeps only its hash). */
  secret: z.string(),
});
