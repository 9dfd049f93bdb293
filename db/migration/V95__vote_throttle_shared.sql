-- The vote throttle's counts, per salted hash of a client address and per minute, shared by
-- every instance of the site (poll.VoteThrottle). Unlogged: a count is worth no disk flush, and
-- losing the last two minutes' counts in a crash only lets those addresses vote again sooner.
-- Rows older than the previous minute are deleted as minutes pass, so the table holds at most
-- the addresses of two minutes.
create unlogged table vote_throttle (
    client_hash varchar(64) not null,
    minute      bigint      not null,
    votes       integer     not null check (votes > 0),
    primary key (client_hash, minute)
);
create index vote_throttle_minute_idx on vote_throttle (minute);
