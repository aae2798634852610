import { describe, expect, it } from 'vitest';
import { shortTitle } from '../../src/citations/short-title.ts';

describe('shortTitle (MLA: first noun phrase of the main title)', () => {
  it.each([
    ['Impact of the COVID Crisis on Migrant Smuggling', 'Impact of the COVID Crisis'],
    [
      'Impact of the COVID-19 Pandemic on Trafficking in Persons: Preliminary Findings and Messaging Based on Rapid Stocktaking',
      'Impact of the COVID-19 Pandemic',
    ],
    ['Migrant Smuggling', 'Migrant Smuggling'],
    ['EU Action Plan against Migrant Smuggling (2015–2020)', 'EU Action Plan'],
    [
      'Protocol against the Smuggling of Migrants by Land, Sea and Air, Supplementing the United Nations Convention against Transnational Organized Crime',
      'Protocol against the Smuggling of Migrants',
    ],
    ['The Double Vision: Language and Meaning in Religion', 'Double Vision'],
    ['Managing Migration: Is Border Control Fundamental?', 'Managing Migration'],
  ])('%s -> %s', (title, short) => {
    expect(shortTitle(title)).toBe(short);
  });
});
