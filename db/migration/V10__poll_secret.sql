-- Secrets the poll makes for itself once and every instance of the site shares: the key
-- that signs voter cookies and salts the hash of client addresses (when none is configured).
create table poll_secret (
    name       varchar(64)  primary key,
    value      varchar(200) not null,
    created_at timestamptz  not null default now()
);
