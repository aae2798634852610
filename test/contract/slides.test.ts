import { describe, expect, it } from 'vitest';
import { slideTitle } from '../../src/contract/slides.ts';

describe('slide titles', () => {
  it('takes the heading, else the start of the text, else the slide’s number', () => {
    expect(slideTitle('Roadmap', 'Roadmap 1. Borders', 1)).toBe('Roadmap');
    const text = 'A slide without a heading whose text runs on for well over sixty characters in all';
    expect(slideTitle('', text, 4)).toBe(text.slice(0, 60).trim());
    expect(slideTitle('', '', 4)).toBe('Slide 5');
  });
});
