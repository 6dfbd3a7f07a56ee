import { expect } from '@open-wc/testing';
import { xpForLevel } from '../../labs/src/index.js';
import { xpToReachLevel } from './level-curve.js';

describe('level curve', () => {
  it('agrees with the curriculum’s xpForLevel, which the module uses to set levels', () => {
    for (let level = 0; level <= 200; level++) expect(xpToReachLevel(level), `level ${level}`).to.equal(xpForLevel(level));
  });
});
