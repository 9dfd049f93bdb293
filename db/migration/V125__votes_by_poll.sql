-- A poll's votes in the order they were cast (poll.PollVotesController's CSV, keyset by id).
create index vote_by_question_id on vote (question_id, id);
