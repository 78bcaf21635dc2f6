import { describe, expect, test } from 'vitest';

import { matchesGroupFilter } from './group-filter';

describe('the Group Filter Expression', () => {
  test.each<[string, string, boolean]>([
    // * matches every group, whatever it holds
    ['Finance', '*', true],
    ['', '*', true],
    ['a*b', '*', true],
    ['*', '*', true],
    ['**', '*', true],
    ['*Admins', '*', true],
    ['what?', '*', true],
    ['?', '*', true],
    // prefixes, suffixes and infixes, regardless of case
    ['Finance', 'F*', true],
    ['finance', 'F*', true],
    ['Staff', 'F*', false],
    ['Team-Finance', '*finance', true],
    ['Team-Finance-EU', '*finance', false],
    ['Team-Finance-EU', '*Finance*', true],
    ['Finance', 'Finance', true],
    ['Finance', 'Financ', false],
    ['Finance', 'Finances', false],
    // ? is exactly one character
    ['Staff', 'St?ff', true],
    ['Stff', 'St?ff', false],
    ['Staaff', 'St?ff', false],
    ['Team 😀', 'Team ?', true], // one character, though two UTF-16 units
    // * and ? inside the group name are ordinary characters
    ['Admins*', 'Admins*', true],
    ['Admins*', 'Admins?', true],
    ['Admins', 'Admins?', false],
    ['*Admins', '*Admins', true],
    ['x*y*z', 'x*z', true],
    ['a*b', 'a?b', true],
    ['why?', 'why?', true],
    ['why?', '*?', true],
    ['?', '?', true],
    ['', '?', false],
    // several stars, and an empty filter
    ['abcabd', '*a*b*d', true],
    ['abcabc', '*a*b*d', false],
    ['Finance', '', false],
    ['', '', true],
  ])('"%s" against "%s" → %s', (group, filter, expected) => {
    expect(matchesGroupFilter(group, filter)).toBe(expected);
  });
});
