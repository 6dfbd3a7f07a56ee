import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { levelForXp, xpForLevel } from '../src/levels.js';

describe('level curve', () => {
  it('starts level n at round(100 * (n - 1)^1.5) XP', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 10].map(xpForLevel), [0, 100, 283, 520, 800, 2700]);
  });

  it('grows: each level costs more than the one before', () => {
    for (let n = 2; n < 100; n++) {
      assert.ok(xpForLevel(n + 1) - xpForLevel(n) > xpForLevel(n) - xpForLevel(n - 1), `level ${n}`);
    }
  });

  it('gives the level reached for any XP, exactly at the thresholds', () => {
    assert.equal(levelForXp(0), 1);
    assert.equal(levelForXp(-5), 1);
    assert.equal(levelForXp(99), 1);
    assert.equal(levelForXp(100), 2);
    assert.equal(levelForXp(282), 2);
    assert.equal(levelForXp(283), 3);
    for (let level = 1; level <= 200; level++) {
      assert.equal(levelForXp(xpForLevel(level)), level);
      if (level > 1) assert.equal(levelForXp(xpForLevel(level) - 1), level - 1);
    }
  });
});
