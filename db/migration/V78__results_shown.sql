-- When readers see a poll's standings: always, only once they have voted (on the poll's own,
-- private page), or only once the poll has closed. Until then no public page shows its counts,
-- so nobody votes with the crowd.
alter table vote_question add column results_shown varchar(16) not null default 'ALWAYS'
    constraint vote_question_results_shown check (results_shown in ('ALWAYS', 'AFTER_VOTE', 'AFTER_CLOSE'));
