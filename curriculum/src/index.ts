/**
 * Public API of `@lta/curriculum`: the built-in course (modules and labs in teaching order) and the unlocking rule.
 * The lab format, its validator and the check engine live in `@lta/labs`.
 */
export { CURRICULUM, ALL_LABS, findLab, findModule, isModuleUnlocked, unlockedModules } from './catalog.js';
export { defineModule, type LabDraft } from './define.js';
