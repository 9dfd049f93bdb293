-- A poll's shares over time: once a day, each option's count in the poll's current round
-- (written by a daily job, and on demand when the chart is read; one row per option per day,
-- so writing a day twice changes nothing). The chart of the leading option's share reads them.
-- Derived from the counts, so they go with the poll or the option (votes never do, see V75).
create table poll_share_snapshot (
    question_id bigint  not null references vote_question (id) on delete cascade,
    round       integer not null,
    day         date    not null,
    option_id   bigint  not null references vote_option (id) on delete cascade,
    votes       bigint  not null,
    total       bigint  not null,
    constraint poll_share_snapshot_pk primary key (question_id, round, day, option_id),
    constraint poll_share_snapshot_counts check (votes >= 0 and total >= votes)
);
