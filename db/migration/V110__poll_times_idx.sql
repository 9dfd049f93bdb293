-- The job that announces polls opening and closing at their times (poll.PollTimes) asks every
-- second which times have just passed: a range scan of these, not of every poll.
create index vote_question_opens_at_idx on vote_question (opens_at);
create index vote_question_closes_at_idx on vote_question (closes_at);
