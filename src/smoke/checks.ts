import { a11y } from './a11y.ts';
import { fit } from './fit-check.ts';
import { notes } from './notes.ts';
import { phones } from './phones.ts';
import { presents } from './presents.ts';
import { prints } from './prints.ts';
import { start } from './start.ts';
import { SMOKE_CHECKS, type Check, type SmokeCheck } from './types.ts';

/** Every check, by name: adding a check is a module that exports one, and its name in SMOKE_CHECKS. */
const CHECKS_BY_NAME: Readonly<Record<SmokeCheck, Check>> = { start, notes, fit, a11y, presents, prints, phones };

/** The checks, in the order they report. */
export const CHECKS: readonly Check[] = SMOKE_CHECKS.map((name) => CHECKS_BY_NAME[name]);

/** What each check proves, for summaries and `--help`. */
export const CHECK_DESCRIPTIONS: Readonly<Record<SmokeCheck, string>> = Object.fromEntries(
  CHECKS.map((c) => [c.name, c.description]),
) as Record<SmokeCheck, string>;
