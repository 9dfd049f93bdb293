-- Challengers: a reader who voted "No, something else is" may name the film they would put
-- first: one of the site's films, or a title in their own words, held until an editor approves
-- it. One per reader (the voter id the vote uses) per poll.
create table challenger (
    id          bigserial    primary key,
    question_id bigint       not null references vote_question (id) on delete cascade,
    voter_id    varchar(64)  not null,
    film_id     bigint       references film (id) on delete cascade,
    title       varchar(200),
    status      varchar(16)  not null,
    created_at  timestamptz  not null default now(),
    reviewed_by bigint       references app_user (id) on delete set null,
    reviewed_at timestamptz,
    constraint challenger_one_per_reader unique (question_id, voter_id),
    constraint challenger_film_or_title check ((film_id is null) <> (title is null)),
    constraint challenger_title_not_blank check (title is null or btrim(title) <> ''),
    constraint challenger_status check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    -- A site film needs no moderation; only a title in a reader's words waits for an editor.
    constraint challenger_film_approved check (film_id is null or status = 'APPROVED')
);
create index challenger_film_idx on challenger (film_id) where film_id is not null;
create index challenger_pending_idx on challenger (status) where status = 'PENDING';
