import { describe, expect, it } from 'vitest';
import { CHECK_DESCRIPTIONS, CHECKS } from '../../src/smoke/checks.ts';
import { SMOKE_CHECKS } from '../../src/smoke/types.ts';

describe('the list of smoke checks', () => {
  it('has one module per check name, in the order they report, each saying what it proves and needs', () => {
    expect(CHECKS.map((c) => c.name)).toEqual([...SMOKE_CHECKS]);
    for (const c of CHECKS) {
      expect(CHECK_DESCRIPTIONS[c.name]).toBe(c.description);
      expect(c.description.length).toBeGreaterThan(10);
    }
    // The deck must start before the checks that need it: the opening check comes first.
    expect(CHECKS[0]!.needs).toBe('opening');
  });
});
