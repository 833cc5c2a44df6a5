/** A closure bound to a name, made per call: what test/hot-path-closures.test.ts must be able to see. */
export function namedClosure(): number {
  const twice = (value: number) => value * 2;
  return twice(21);
}
