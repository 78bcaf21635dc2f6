/**
 * Group Filter Expression of a Group List attribute: `*` matches any run of characters (none included), `?`
 * exactly one character, anything else itself, regardless of case. A group name may itself contain `*` or
 * `?`: in the name they are ordinary characters. A linear two-pointer match rather than a regular expression:
 * an admin's filter like `*a*a*a*b` must not backtrack for seconds.
 */
export function matchesGroupFilter(group: string, filter: string): boolean {
  // Arrays of code points: `?` is one character even outside the BMP (an emoji is two UTF-16 units).
  const [text, pattern] = [[...group.toLowerCase()], [...filter.toLowerCase()]];
  let [t, p, star, mark] = [0, 0, -1, 0];
  while (t < text.length) {
    // The filter's `*` is a wildcard even where the name holds a literal `*`: test it before a literal match.
    if (pattern[p] === '*') {
      star = p;
      mark = t;
      p += 1;
    } else if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      t += 1;
      p += 1;
    } else if (star !== -1) {
      p = star + 1;
      mark += 1;
      t = mark;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p += 1;
  return p === pattern.length;
}
