-- The whole editorial domain of Best Ever. JPA entities mirror this schema
-- (spring.jpa.hibernate.ddl-auto=validate), so every rule here is one the code can rely on.

create extension if not exists unaccent;

-- Slugs are URLs: lower-case letters and digits in words joined by single hyphens.

create table genre (
    id          bigserial    primary key,
    name        varchar(80)  not null,
    slug        varchar(120) not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    description text         not null default '',
    created_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now(),
    version     bigint       not null default 0,
    constraint genre_name_unique unique (name),
    constraint genre_slug_unique unique (slug),
    constraint genre_name_not_blank check (btrim(name) <> '')
);

create table author (
    id          bigserial    primary key,
    name        varchar(120) not null,
    slug        varchar(120) not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    bio         text         not null default '',
    created_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now(),
    version     bigint       not null default 0,
    constraint author_slug_unique unique (slug),
    constraint author_name_not_blank check (btrim(name) <> '')
);

create table film (
    id              bigserial     primary key,
    title           varchar(200)  not null,
    slug            varchar(120) not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    original_title  varchar(200),
    release_year    integer       not null,
    country         varchar(100),
    language        varchar(100),
    runtime_minutes integer,
    poster_url      varchar(2000),
    created_at      timestamptz   not null default now(),
    updated_at      timestamptz   not null default now(),
    version         bigint        not null default 0,
    constraint film_slug_unique unique (slug),
    constraint film_title_not_blank check (btrim(title) <> ''),
    -- 1888: Roundhay Garden Scene, the oldest surviving film.
    constraint film_release_year_range check (release_year between 1888 and 2100),
    constraint film_runtime_positive check (runtime_minutes is null or runtime_minutes > 0),
    constraint film_poster_url_http check (poster_url is null or poster_url ~* '^https?://')
);

-- Directors and cast keep their billing order.
create table film_director (
    film_id  bigint       not null references film (id) on delete cascade,
    position integer      not null,
    name     varchar(200) not null,
    primary key (film_id, position),
    constraint film_director_position_natural check (position >= 0)
);

create table film_cast_member (
    film_id  bigint       not null references film (id) on delete cascade,
    position integer      not null,
    name     varchar(200) not null,
    primary key (film_id, position),
    constraint film_cast_member_position_natural check (position >= 0)
);

create table film_genre (
    film_id  bigint not null references film (id) on delete cascade,
    genre_id bigint not null references genre (id) on delete restrict,
    primary key (film_id, genre_id)
);
create index film_genre_genre_idx on film_genre (genre_id);

create table article (
    id           bigserial    primary key,
    title        varchar(200) not null,
    slug         varchar(120) not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    genre_id     bigint       not null references genre (id) on delete restrict,
    film_id      bigint       not null references film (id) on delete restrict,
    author_id    bigint       not null references author (id) on delete restrict,
    pull_quote   text         not null,
    body         text         not null,
    verdict      text         not null,
    status       varchar(16)  not null default 'DRAFT',
    publish_at   timestamptz,
    created_at   timestamptz  not null default now(),
    updated_at   timestamptz  not null default now(),
    version      bigint       not null default 0,
    constraint article_slug_unique unique (slug),
    constraint article_title_not_blank check (btrim(title) <> ''),
    constraint article_status_known check (status in ('DRAFT', 'IN_REVIEW', 'SCHEDULED', 'PUBLISHED')),
    -- A review that is (or will be) public has a moment from which it is public.
    constraint article_public_has_publish_at check (status in ('DRAFT', 'IN_REVIEW') or publish_at is not null)
);
-- Every public listing orders published reviews by publish_at, newest first.
create index article_public_idx on article (publish_at desc, id desc) where status in ('SCHEDULED', 'PUBLISHED');
create index article_genre_idx  on article (genre_id, publish_at desc);
create index article_author_idx on article (author_id, publish_at desc);
create index article_film_idx   on article (film_id, publish_at desc);
create index article_status_idx on article (status, updated_at desc);

-- Old URLs of a review: /reviews/{earlier slug} answers 301 to the current one.
create table article_earlier_slug (
    id         bigserial   primary key,
    article_id bigint      not null references article (id) on delete cascade,
    slug       varchar(120) not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    created_at timestamptz not null default now(),
    constraint article_earlier_slug_unique unique (slug)
);
create index article_earlier_slug_article_idx on article_earlier_slug (article_id);

-- "Decide for Yourself": an ordered list of recommendations under the review.
create table recommendation (
    id         bigserial     primary key,
    article_id bigint        not null references article (id) on delete cascade,
    position   integer       not null,
    text       text          not null,
    url        varchar(2000),
    constraint recommendation_position_unique unique (article_id, position) deferrable initially deferred,
    constraint recommendation_position_natural check (position >= 0),
    constraint recommendation_text_not_blank check (btrim(text) <> ''),
    constraint recommendation_url_http check (url is null or url ~* '^https?://')
);

-- "You tell us": the reader poll at the end of a review. Its genre may differ from the
-- review's (The 400 Blows is reviewed as Drama, polled as Coming-of-Age).
create table vote_question (
    id         bigserial   primary key,
    article_id bigint      references article (id) on delete set null,
    film_id    bigint      not null references film (id) on delete restrict,
    genre_id   bigint      not null references genre (id) on delete restrict,
    question   text        not null,
    opens_at   timestamptz not null,
    closes_at  timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version    bigint      not null default 0,
    constraint vote_question_article_unique unique (article_id),
    constraint vote_question_not_blank check (btrim(question) <> ''),
    constraint vote_question_closes_after_opening check (closes_at is null or closes_at > opens_at)
);
create index vote_question_genre_idx on vote_question (genre_id);
create index vote_question_film_idx  on vote_question (film_id);

-- The options of a poll, with their running count. The count is written in the same
-- transaction as the vote, so it is exact.
create table vote_option (
    id          bigserial    primary key,
    question_id bigint       not null references vote_question (id) on delete cascade,
    position    integer      not null,
    label       varchar(200) not null,
    -- The option that says "yes, this is the best ever": the leaderboard ranks its share.
    affirmative boolean      not null default false,
    votes       bigint       not null default 0,
    constraint vote_option_position_unique unique (question_id, position) deferrable initially deferred,
    constraint vote_option_label_unique unique (question_id, label),
    constraint vote_option_label_not_blank check (btrim(label) <> ''),
    constraint vote_option_votes_natural check (votes >= 0)
);
create unique index vote_option_one_affirmative on vote_option (question_id) where affirmative;

-- One reader's answer to one question; one per reader per question.
create table vote (
    id          bigserial   primary key,
    question_id bigint      not null references vote_question (id) on delete cascade,
    option_id   bigint      not null references vote_option (id) on delete cascade,
    voter_id    varchar(64) not null,
    -- A salted hash of the client address, for throttling and abuse review; never the address.
    client_hash varchar(64),
    created_at  timestamptz not null default now(),
    constraint vote_one_per_voter unique (question_id, voter_id)
);
create index vote_option_idx on vote (option_id);
