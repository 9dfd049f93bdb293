-- Final verdicts. A poll's votes belong to a round: the first is round 1, and an editor who
-- reopens a closed poll starts the next ("Revisited 2027"), whose counts start at zero. Each
-- reader votes once per round.
alter table vote_question add column round integer not null default 1;
alter table vote add column round integer not null default 1;
alter table vote drop constraint vote_one_per_voter;
alter table vote add constraint vote_one_per_voter unique (question_id, round, voter_id);

-- When a round closes (at its closing time, or an editor's "close now"), its verdict is written
-- once and never changed: the "yes" share, its 95% Wilson interval, n, and the film's rank in
-- the genre's leaderboard at that moment (null: too few votes to rank).
create table poll_verdict (
    id          bigserial        primary key,
    question_id bigint           not null references vote_question (id) on delete restrict,
    round       integer          not null,
    genre_id    bigint           not null references genre (id) on delete restrict,
    closed_at   timestamptz      not null,
    yes         bigint           not null,
    votes       bigint           not null,
    lower       double precision not null,
    upper       double precision not null,
    genre_rank  integer,
    created_at  timestamptz      not null default now(),
    constraint poll_verdict_once unique (question_id, round),
    constraint poll_verdict_counts check (yes >= 0 and votes >= yes)
);
create index poll_verdict_closed_idx on poll_verdict (closed_at desc);

create function poll_verdict_is_final() returns trigger language plpgsql as $$
begin
    raise exception 'a final verdict is never changed or deleted (poll %, round %)', old.question_id, old.round;
end;
$$;
create trigger poll_verdict_is_final before update or delete on poll_verdict
    for each row execute function poll_verdict_is_final();
