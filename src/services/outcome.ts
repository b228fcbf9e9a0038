/** Why something was refused, as a code the bot turns into words (locale key `refusal.<code>`). */
export interface Refusal {
  code: string;
  params?: Record<string, string>;
  /** The role(s) that would allow it, for "you need the X role" messages. */
  neededRoles?: string[];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const refuse = (code: string, params?: Record<string, string>, neededRoles?: string[]): Outcome<never> => ({
  ok: false,
  refusal: { code, ...(params ? { params } : {}), ...(neededRoles ? { neededRoles } : {}) },
});
