-- Every text a form sends has a length limit, and the database holds the same one: the varchar
-- columns by their type, the text columns by these checks (the forms' @Size agree, see
-- InputLimitsTests). A value past them is refused by the form first, with a message.
alter table article
    add constraint article_pull_quote_length check (char_length(pull_quote) <= 1000),
    add constraint article_body_length check (char_length(body) <= 200000),
    add constraint article_verdict_length check (char_length(verdict) <= 1000);
alter table recommendation
    add constraint recommendation_text_length check (char_length(text) <= 1000);
alter table vote_question
    add constraint vote_question_question_length check (char_length(question) <= 300);
alter table genre
    add constraint genre_description_length check (char_length(description) <= 5000);
alter table author
    add constraint author_bio_length check (char_length(bio) <= 5000);
