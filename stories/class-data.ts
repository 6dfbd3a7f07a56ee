/*
 * Story data for class widgets: one class, "Linux 101", taught by learner 0 (the viewer), with eight learners
 * at different points of the first module's labs.
 */
import { Timestamp } from 'spacetimedb';
import type {
  CohortMemberRow,
  CohortMessageRow,
  CohortRankRow,
  CohortRow,
  CourseModuleRow,
  LabProgressRow,
  LabRow,
  ClassmateOnlineRow,
} from '../src/connection/academy-schema.js';
import type { StaticAcademyInit } from '../src/connection/index.js';
import { identityOf, learner, storyAcademy } from './academy-data.js';

export const CLASS_ID = 'lti:linux-101-fall';

const at = (minutesAgo: number) => Timestamp.fromDate(new Date(Date.UTC(2026, 10, 26, 12, 0) - minutesAgo * 60_000));

export const courseModules: Pick<CourseModuleRow, 'id' | 'title' | 'position'>[] = [
  { id: 'basics', title: 'Shell basics', position: 0 },
];

export const classLabs: Pick<LabRow, 'id' | 'moduleId' | 'title' | 'position'>[] = [
  { id: 'navigation-101', moduleId: 'basics', title: 'Finding your way', position: 0 },
  { id: 'files-101', moduleId: 'basics', title: 'Files and folders', position: 1 },
  { id: 'viewing-101', moduleId: 'basics', title: 'Reading files', position: 2 },
];

const classmates = [1, 2, 3, 4, 5, 6, 7, 8];

/** The viewer's class, with the viewer's role. */
export function classRow(role: 'learner' | 'instructor' = 'instructor'): CohortRow {
  return { id: CLASS_ID, title: 'Linux 101 (fall)', source: 'lti', role, inviteCode: '' };
}

function member(n: number, role: string, lmsName = ''): CohortMemberRow {
  return {
    key: `${CLASS_ID}/${identityOf(n).toHexString()}`,
    cohort: CLASS_ID,
    learner: identityOf(n),
    role,
    lmsName,
    joinedAt: at(5000),
  };
}

/** The viewer teaches; eight learners, one of whom has not registered a username yet (only the LMS name is known). */
export const classMembers: CohortMemberRow[] = [
  member(0, 'instructor'),
  ...classmates.map((n) => member(n, 'learner', n === 8 ? 'Sam Okafor' : '')),
];

function work(
  n: number,
  lab: string,
  status: 'in_progress' | 'done',
  steps: number,
  hints: number,
  minutes: number,
): LabProgressRow {
  return {
    key: `${CLASS_ID}/${identityOf(n).toHexString()}/${lab}`,
    cohort: CLASS_ID,
    learner: identityOf(n),
    labId: lab,
    status,
    stepsPassed: steps,
    hintsUsed: hints,
    startedAt: at(200 + minutes),
    lastActiveAt: at(200),
  };
}

export const classProgressRows: LabProgressRow[] = [
  work(1, 'navigation-101', 'done', 4, 0, 12),
  work(1, 'files-101', 'done', 5, 1, 25),
  work(1, 'viewing-101', 'in_progress', 2, 0, 8),
  work(2, 'navigation-101', 'done', 4, 2, 31),
  work(3, 'navigation-101', 'in_progress', 1, 1, 3),
  work(4, 'navigation-101', 'done', 4, 0, 9),
  work(4, 'files-101', 'done', 5, 0, 14),
  work(4, 'viewing-101', 'done', 3, 3, 75),
  work(6, 'navigation-101', 'in_progress', 0, 0, 0),
];

/** The class's board as the module sends it: the top learners by XP (ranks shared on ties). */
export const classBoard: CohortRankRow[] = [7, 6, 5, 4, 3, 2, 1, 0].map((n, i) => ({
  key: `${CLASS_ID}/${identityOf(n).toHexString()}`,
  cohort: CLASS_ID,
  learner: identityOf(n),
  rank: i + 1,
  xp: BigInt(n * 100),
}));

/** The class's chat: a question, the instructor's answer. */
export const classMessages: CohortMessageRow[] = [
  [2, 'Is the files lab due on Friday?'],
  [0, 'Yes, before class. Ask here if you get stuck.'],
  [3, 'Step 3 of files-101 keeps failing for me.'],
].map(([sender, text], i) => ({
  id: BigInt(i + 1),
  cohort: CLASS_ID,
  sender: identityOf(sender as number),
  text: text as string,
  sentAt: at(30 - i * 5),
  editedAt: undefined,
  deleted: false,
}));

/** Classmates online (the viewer included). */
export const classPresence: ClassmateOnlineRow[] = [0, 2, 3, 5].map((n) => {
  const { identity, username, displayName, role } = learner(n, 0);
  return {
    key: `${CLASS_ID}/${identity.toHexString()}`,
    cohort: CLASS_ID,
    identity,
    username,
    displayName,
    role,
    idle: n === 5,
    currentLab: n === 3 ? 'files-101' : '',
  };
});

/** The story academy with the class: `role` is the viewer's role in it. */
export function classAcademy(init: StaticAcademyInit = {}, role: 'learner' | 'instructor' = 'instructor') {
  return storyAcademy({
    ...init,
    tables: {
      learner: [0, ...classmates.filter((n) => n !== 8)].map((n) => learner(n, n * 100)),
      myCohorts: [classRow(role)],
      myCohortMembers: role === 'instructor' ? classMembers : classMembers.map((row) => ({ ...row, lmsName: '' })),
      classProgress: role === 'instructor' ? classProgressRows : [],
      cohortLeaderboard: classBoard,
      myCohortMessages: classMessages,
      cohortPresence: classPresence,
      lab: classLabs,
      courseModule: courseModules,
      ...init.tables,
    },
  });
}
