/**
 * The academy's rules both the module and the widgets apply (levels, roles, the calendar), as a second entry point
 * `@lta/labs/rules`: a page's widgets import these alone, so none of the check engine loads with them.
 */
export { xpForLevel, levelForXp } from './levels.js';
export { ROLES, isRole, hasRole, mayAssignRole, type Role } from './roles.js';
export { checkTimeZone, localDay, weekNumber, advanceStreak, type Streak, type TimeZoneCheck } from './calendar.js';
