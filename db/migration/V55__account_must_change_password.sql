-- A password someone else chose (the generated first administrator's, logged once) must be
-- replaced by the account's owner at their first sign-in, before anything else.
alter table app_user add column must_change_password boolean not null default false;
