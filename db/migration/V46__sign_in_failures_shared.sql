-- The poll's secrets table holds every secret the site makes for itself once and every
-- instance shares (the voter key, the sign-in throttle's key): it is the site's, not the poll's.
alter table poll_secret rename to site_secret;
alter table site_secret rename constraint poll_secret_pkey to site_secret_pkey;

-- Failed sign-ins of the last 15 minutes, per keyed hash of a user name or of a client
-- address (never the name or the address itself): every instance counts them together, and a
-- restart does not forget them. Older rows are deleted as new failures come in.
create table sign_in_failure (
    key       varchar(80) not null,
    failed_at timestamptz not null
);
create index sign_in_failure_key_idx on sign_in_failure (key, failed_at desc);
create index sign_in_failure_failed_at_idx on sign_in_failure (failed_at);
