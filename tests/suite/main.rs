//! The integration tests, as one test binary: one link instead of one per
//! file, and every test of every file run side by side, so that one that
//! waits (a browser, a lock) does not hold up the rest.

mod common;

mod bad_inputs;
mod cli_activities;
mod cli_add;
mod cli_advice;
mod cli_args;
mod cli_check;
mod cli_check_caps;
mod cli_deadlines;
mod cli_html;
mod cli_log;
mod cli_renew;
mod cli_rules;
mod cli_screen;
mod cli_shell;
mod cli_small;
mod cli_tracking;
mod cli_whatif;
mod date_props;
mod edit_faults;
mod eval_laws;
mod eval_oracle;
mod hardening_escape;
mod hardening_read;
#[cfg(unix)]
mod hardening_safe;
mod hardening_walk;
mod html_chromium;
mod import_linkedin;
mod json_profiles;
mod layers;
mod month_dates;
mod rule_cases;
mod rules_confirmed;
mod rules_format;
mod schemas;
mod shapes_eligibility;
mod shapes_recert;
mod tmux_guided;
mod whatif_oracle;
