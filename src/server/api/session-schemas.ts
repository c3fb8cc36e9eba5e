/** First-run setup, log in/out, the current session and password change. */
import { z } from 'zod';
import { ROLES } from '../access/roles.js';
import { entityIdSchema, list, nameText, timestampSchema } from './common-schemas.js';

export const roleSchema = z.enum(ROLES, { error: `role must be one of: ${ROLES.join(', ')}` });

/**
 * A user name: what people type to log in. Letters, digits and . _ - @ only, so that it is
 * unambiguous on screen and safe in logs; compared case-insensitively by the server. At least 3
 * characters, because no password may contain the user name (CF 2.4.8.5): a one-letter name would
 * rule out most passwords.
 */
export const usernameSchema = z
  .string({ error: 'username must be text' })
  .trim()
  .min(3, 'username must be at least 3 characters')
  .max(64, 'username must be at most 64 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._@-]*$/u, 'username may contain letters, digits and . _ - @ only');

/**
 * A password as typed: checked against the password policy by the server (GET
 * /api/v1/password-policy), not here, so that the policy's messages are the ones people see. The
 * schema only bounds the size so a huge body cannot make hashing expensive.
 */
export const passwordSchema = z
  .string({ error: 'password must be text' })
  .max(1024, 'password is far longer than any allowed password (256 characters)');

export const userSchema = z
  .object({
    id: entityIdSchema,
    username: z.string(),
    displayName: z.string(),
    role: roleSchema,
    disabled: z.boolean(),
    disabledAt: timestampSchema.nullable(),
    createdAt: timestampSchema,
    passwordChangedAt: timestampSchema.nullable(),
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof userSchema>;

export const setupStatusSchema = z.object({
  required: z.boolean().describe('True until the first administrator has been created.'),
});

export const setupBodySchema = z.strictObject({
  token: z
    .string({ error: 'token must be text: the value after #token= in the setup link' })
    .regex(
      /^[A-Za-z0-9_-]{20,100}$/,
      'token is not a setup token; copy it from the setup link the server printed',
    ),
  username: usernameSchema,
  displayName: nameText(200),
  password: passwordSchema,
});

export const loginBodySchema = z.strictObject({
  username: z.string({ error: 'username must be text' }).max(256, 'username is too long'),
  password: passwordSchema,
});

export const sessionSchema = z
  .object({
    user: userSchema,
    /** How this request was authenticated: a session cookie or a bearer API token. */
    via: z.enum(['session', 'token']),
    /** Send in the X-CSRF-Token header of every state-changing request made with the cookie. */
    csrfToken: z.string().nullable(),
    /** For a session: when it ends at the latest (absolute expiry). */
    expiresAt: timestampSchema.nullable(),
    /** For an API token: the role it is scoped to (never above its creator's). */
    tokenRole: roleSchema.nullable(),
  })
  .meta({ id: 'Session' });
export type SessionView = z.infer<typeof sessionSchema>;

export const changePasswordBodySchema = z.strictObject({
  currentPassword: passwordSchema,
  newPassword: passwordSchema,
});

export const passwordPolicySchema = z.object({
  minLength: z.number().int(),
  maxLength: z.number().int(),
  /** The rules in words, for a form to show before anyone types. */
  rules: list(z.string()),
});
