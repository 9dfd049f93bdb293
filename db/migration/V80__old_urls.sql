-- Every old URL keeps working. A film, author or genre whose slug changes keeps the old one
-- answering 301 (as reviews do, article_earlier_slug); a review that is deleted leaves a
-- tombstone of its slugs, so its URLs answer 410 Gone rather than 404.
-- Both are written by triggers, so no code path that changes a slug or deletes a review can
-- forget them.

create table film_earlier_slug (
    slug       varchar(120) primary key check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    film_id    bigint       not null references film (id) on delete cascade,
    created_at timestamptz  not null default now()
);
create index film_earlier_slug_film_idx on film_earlier_slug (film_id);

create table author_earlier_slug (
    slug       varchar(120) primary key check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    author_id  bigint       not null references author (id) on delete cascade,
    created_at timestamptz  not null default now()
);
create index author_earlier_slug_author_idx on author_earlier_slug (author_id);

create table genre_earlier_slug (
    slug       varchar(120) primary key check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    genre_id   bigint       not null references genre (id) on delete cascade,
    created_at timestamptz  not null default now()
);
create index genre_earlier_slug_genre_idx on genre_earlier_slug (genre_id);

-- One trigger function for the three: the table of earlier slugs is named after the table.
create function keep_earlier_slug() returns trigger language plpgsql as $$
begin
    if new.slug is distinct from old.slug then
        execute format('delete from %I where slug = $1', tg_table_name || '_earlier_slug') using new.slug;
        execute format('insert into %I (slug, %I) values ($1, $2) on conflict (slug) do update set %I = excluded.%I, created_at = now()',
                       tg_table_name || '_earlier_slug', tg_table_name || '_id', tg_table_name || '_id', tg_table_name || '_id')
            using old.slug, old.id;
    end if;
    return new;
end
$$;

create trigger film_keeps_earlier_slug after update of slug on film
    for each row execute function keep_earlier_slug();
create trigger author_keeps_earlier_slug after update of slug on author
    for each row execute function keep_earlier_slug();
create trigger genre_keeps_earlier_slug after update of slug on genre
    for each row execute function keep_earlier_slug();

-- The slugs of deleted reviews, current and earlier, written by article.Publishing as it deletes
-- one (before the rows go). public_from: when the review was (or was to be) public; readers get
-- 410 only for a review that had been public by their now (the application's clock): a deleted
-- draft's address stays an ordinary 404.
create table review_tombstone (
    slug        varchar(120) primary key,
    public_from timestamptz,
    deleted_at  timestamptz  not null default now()
);
