/** The level curve: how much XP each level takes. The module awards levels by it and the widgets show progress by it. */

/**
 * Total XP at which `level` starts: `round(100 * (level - 1) ^ 1.5)`. Level 1 starts at 0, level 2 at 100,
 * level 3 at 283, level 5 at 800, level 10 at 2700. Levels below 1 are treated as 1.
 */
export function xpForLevel(level: number): number {
  const n = Math.max(1, Math.floor(level));
  return Math.round(100 * Math.pow(n - 1, 1.5));
}

/** The level a learner with `xp` total XP has reached: the highest level whose threshold is at most `xp`. */
export function levelForXp(xp: number): number {
  if (!(xp > 0)) return 1;
  // Invert the curve, then correct for rounding at the edges.
  let level = Math.floor(Math.pow(xp / 100, 2 / 3)) + 1;
  while (xpForLevel(level + 1) <= xp) level++;
  while (level > 1 && xpForLevel(level) > xp) level--;
  return level;
}
