/**
 * A field for a new password with the server's password rules under it, read with it by screen
 * readers (aria-describedby), so the rules are known before anyone types.
 */
import { useId } from 'react';
import { InputField, type InputFieldProps } from './field.js';
import { PasswordRules } from './password-rules.js';

export function NewPasswordField(props: Omit<InputFieldProps, 'type' | 'autoComplete' | 'aria-describedby'>) {
  const rulesId = useId();
  return (
    <>
      <InputField {...props} type="password" autoComplete="new-password" aria-describedby={rulesId} />
      <PasswordRules id={rulesId} />
    </>
  );
}
