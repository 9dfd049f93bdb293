-- Sign-in back-off (admin.SignInThrottle) replaces the list of recent failures: one row per
-- keyed hash of a client address, of a (user name, address) pair, or of a user name, with its
-- failure count and how long it is refused; and one "known" row per pair that signed in
-- successfully (such an address is not held back by the user name's back-off). Only keyed
-- hashes are kept, never a name or an address. Every instance counts together; a sign-in
-- attempt takes its rows' locks, so parallel guesses are counted one after another.
drop table sign_in_failure;

create table sign_in_attempt (
    key           varchar(80) primary key,
    -- The user name's and the address's keys of a pair's row, so an administrator's reset finds them.
    user_key      varchar(80),
    address_key   varchar(80),
    failures      integer     not null default 0 check (failures >= 0),
    blocked_until timestamptz,
    updated_at    timestamptz not null
);
create index sign_in_attempt_user_key_idx on sign_in_attempt (user_key);
create index sign_in_attempt_updated_at_idx on sign_in_attempt (updated_at);
