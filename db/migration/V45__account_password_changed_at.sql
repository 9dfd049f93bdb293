-- When an account's password was last set. A session signed in before that moment ends at its
-- next request (admin.CurrentAccountFilter): resetting a password also signs out whoever used
-- the old one. Existing accounts count from now; sessions do not outlive a restart anyway.
alter table app_user add column password_changed_at timestamptz not null default now();
