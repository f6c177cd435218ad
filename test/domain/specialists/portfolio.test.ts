import { describe, expect, it } from 'vitest';
import { reorderProblem } from '../../../domain/specialists/portfolio.ts';

// ACC-7: a new order of a portfolio names each of its items exactly once.
describe('reorderProblem (ACC-7)', () => {
  const current = ['a', 'b', 'c'];

  it('ACC-7: accepts any permutation of the items, the empty portfolio included', () => {
    expect(reorderProblem(current, ['c', 'a', 'b'])).toBeNull();
    expect(reorderProblem(current, ['a', 'b', 'c'])).toBeNull();
    expect(reorderProblem([], [])).toBeNull();
  });

  it('ACC-7: refuses an unknown item, a repeated one, and a missing one', () => {
    expect(reorderProblem(current, ['c', 'a', 'x'])).toBe('x is not an item of your portfolio');
    expect(reorderProblem(current, ['c', 'a', 'a'])).toBe('a is named twice');
    expect(reorderProblem(current, ['b'])).toBe('name every item of your portfolio; missing: a, c');
  });
});
