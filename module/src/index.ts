/**
 * The academy's SpacetimeDB module. `spacetime publish` bundles this file: the default export is the schema,
 * every other export is a reducer or view (SpacetimeDB names them by their export name).
 */
import { spacetimedb } from './schema.js';

export default spacetimedb;
export { init, client_connected, client_disconnected, cleanup_offline_users, heartbeat } from './reducers/lifecycle.js';
export { register_user, update_profile, set_time_zone, set_academy_setting } from './reducers/account.js';
export { start_lab, save_lab_state, use_hint, reset_lab, delete_lab_state, complete_lab } from './reducers/labs.js';
export {
  send_message,
  send_direct_message,
  edit_message,
  delete_message,
  edit_direct_message,
  delete_direct_message,
  block_learner,
  unblock_learner,
} from './reducers/chat.js';
export { report_message, resolve_report, mute_learner, ban_learner, lift_sanction } from './reducers/moderation.js';
export { set_role } from './reducers/roles.js';
export { publish_lab, unpublish_lab, approve_lab, sync_catalog } from './reducers/catalog.js';
export {
  join_launch_cohort,
  create_cohort,
  join_cohort_with_code,
  set_cohort_role,
  send_cohort_message,
  edit_cohort_message,
  delete_cohort_message,
  mute_in_cohort,
  lift_cohort_mute,
} from './reducers/cohort.js';
export {
  my_cohorts,
  my_cohort_members,
  my_cohort_messages,
  cohort_presence,
  cohort_leaderboard,
  class_progress,
  my_cohort_code_try,
} from './cohort-views.js';
export {
  my_settings,
  my_lab_sessions,
  my_completions,
  my_hint_uses,
  my_activity,
  my_direct_messages,
  my_blocks,
  my_sanction,
  moderation_queue,
  online_count,
  online_learners,
} from './views.js';
