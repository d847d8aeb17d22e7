import type { Context } from 'hono';

interface ValidationResult {
  readonly success: boolean;
  readonly error?: { readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[] };
}

/** zod-validator hook shared by every route: a 400 naming each bad field. */
export function invalidInput(result: ValidationResult, c: Context) {
  if (!result.success) {
    const issues = (result.error?.issues ?? []).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    return c.json({ error: 'invalid_input', issues }, 400);
  }
  return undefined;
}
