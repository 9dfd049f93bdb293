-- A vote's option must be an answer to the vote's own question. The vote writer relies on the
-- database for this (a batch of votes is one statement), so say it in the schema: the vote
-- refers to the pair (option, question), not to the option alone.
alter table vote_option add constraint vote_option_of_question unique (id, question_id);
alter table vote add constraint vote_option_of_its_question
    foreign key (option_id, question_id) references vote_option (id, question_id) on delete cascade;
alter table vote drop constraint vote_option_id_fkey;
