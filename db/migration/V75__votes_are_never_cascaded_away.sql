-- A vote a reader was told is counted is never deleted as a side effect: removing an option
-- or a whole poll that has votes is refused by the database (the desk already refuses it in
-- words; this holds for a vote that arrives between the desk's check and its delete, and for
-- any statement written by hand).
alter table vote drop constraint vote_question_id_fkey;
alter table vote add constraint vote_question_id_fkey
    foreign key (question_id) references vote_question (id) on delete restrict;
alter table vote drop constraint vote_option_of_its_question;
alter table vote add constraint vote_option_of_its_question
    foreign key (option_id, question_id) references vote_option (id, question_id) on delete restrict;
