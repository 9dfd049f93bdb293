-- Vote-abuse review: an editor voids a burst of votes (one client hash, optionally within a time
-- range) in a poll's current round. The voided rows stay in `vote`, marked with the voiding that
-- took them out of the counts: who voided them, when and why. The counts on vote_option move in
-- the same transaction, so a voided vote counts nowhere, final verdicts included.
create table vote_voiding (
    id          bigserial    primary key,
    question_id bigint       not null references vote_question (id) on delete restrict,
    round       integer      not null,
    client_hash varchar(64)  not null,
    from_at     timestamptz,
    until_at    timestamptz,
    reason      varchar(300) not null,
    -- The editor, by account and by the name they had then (an account may later be deleted).
    voided_by   bigint       references app_user (id) on delete set null,
    voided_by_name varchar(120) not null,
    voided_at   timestamptz  not null,
    votes       bigint       not null,
    constraint vote_voiding_reason_not_blank check (btrim(reason) <> ''),
    constraint vote_voiding_range check (from_at is null or until_at is null or until_at > from_at),
    constraint vote_voiding_votes_natural check (votes >= 0)
);
create index vote_voiding_question_idx on vote_voiding (question_id, round);

alter table vote add column voiding_id bigint references vote_voiding (id) on delete restrict;
-- "N votes excluded" on public pages: counted from the few voided rows only.
create index vote_voided_idx on vote (question_id, round) where voiding_id is not null;

-- A frozen verdict keeps how many votes were excluded from it (older verdicts: none could be).
alter table poll_verdict add column excluded bigint not null default 0;
