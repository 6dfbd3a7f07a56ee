/**
 * XP needed to reach `level`: the academy's level curve (the seed's `xp_for_level`, 100 * (level - 1)^1.5,
 * rounded). The module and the curriculum compute levels with `xpForLevel` in `labs/`; the widgets keep this
 * one-line copy because importing it from there would pull the whole curriculum (~25 KB gzip) into every
 * page. `level-curve.test.ts` checks both agree.
 */
export function xpToReachLevel(level: number): number {
  return Math.round(100 * Math.pow(Math.max(1, Math.floor(level)) - 1, 1.5));
}
