import { schema } from 'spacetimedb/server';
import { academy_config, display_name_claim, learner, learner_name, learner_private } from './tables/account.js';
import {
  channel_message,
  channel_tally,
  chat_author,
  chat_page,
  direct_message,
  chat_rate,
  sanction,
  report,
  block,
} from './tables/chat.js';
import {
  author_xp,
  course_module,
  hint_use,
  lab,
  lab_approval,
  lab_completion,
  lab_session,
  lab_source,
} from './tables/labs.js';
import { weekly_score, xp_count } from './tables/leaderboard.js';
import { academy_setting, write_allowance } from './tables/limits.js';
import { connection, online_learner, presence, presence_sweep, presence_tally } from './tables/presence.js';
import { achievement, achievement_award, activity } from './tables/progress.js';
import { cohort, cohort_code_try, cohort_invite, cohort_member, cohort_message, cohort_mute } from './tables/cohort.js';

/** The academy's database: every table, public or private. `index.ts` exports it as the module's default. */
export const spacetimedb = schema({
  academy_config,
  learner,
  learner_name,
  learner_private,
  display_name_claim,
  lab,
  course_module,
  lab_session,
  lab_completion,
  lab_source,
  lab_approval,
  author_xp,
  hint_use,
  achievement,
  achievement_award,
  activity,
  xp_count,
  weekly_score,
  presence,
  connection,
  presence_sweep,
  presence_tally,
  online_learner,
  channel_message,
  chat_author,
  chat_page,
  channel_tally,
  direct_message,
  chat_rate,
  sanction,
  report,
  block,
  write_allowance,
  academy_setting,
  cohort,
  cohort_member,
  cohort_invite,
  cohort_message,
  cohort_mute,
  cohort_code_try,
});
