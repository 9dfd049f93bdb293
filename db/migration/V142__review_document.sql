-- Search reads each review's document from a table of its own instead of article.search_vector.
-- In article, a vector of a few kilobytes is TOASTed: every match tested while walking the newest
-- reviews fetched it from the TOAST table (~15 µs a review at 100,000 reviews), and the GIN index
-- kept a pending list that every search scanned. review_document holds the vector in the row
-- itself (storage main: in line while it fits a page, compressed if it must), beside the moment
-- the review is public, so a search walks the newest reviews for a common word at ~2 µs a review
-- and looks a rarer one up in a GIN index kept without a pending list (fastupdate off).
-- The vector is the one V35 defined (article_search_vector); article keeps no copy.

create table review_document (
    article_id    bigint primary key references article (id) on delete cascade,
    public_from   timestamptz,
    search_vector tsvector not null
);
alter table review_document alter column search_vector set storage main;

insert into review_document (article_id, public_from, search_vector)
select id, public_from, search_vector from article;

create index review_document_public_from on review_document (public_from, article_id) where public_from is not null;
create index review_document_search on review_document using gin (search_vector) with (fastupdate = off);

-- A review's document follows its text and names; its public moment follows publishing alone.
drop trigger article_search_vector_refresh on article;
drop function article_search_vector_refresh();

create function review_document_refresh() returns trigger
    language plpgsql
    set search_path from current
as $$
begin
    if tg_op = 'UPDATE'
       and (old.title, old.pull_quote, old.body, old.verdict, old.film_id, old.author_id, old.genre_id)
           is not distinct from (new.title, new.pull_quote, new.body, new.verdict, new.film_id, new.author_id, new.genre_id) then
        update review_document set public_from = new.public_from
         where article_id = new.id and public_from is distinct from new.public_from;
    else
        insert into review_document (article_id, public_from, search_vector)
        values (new.id, new.public_from, article_search_vector(new.title, new.pull_quote, new.body, new.verdict,
                                                              new.film_id, new.author_id, new.genre_id))
        on conflict (article_id) do update
            set public_from = excluded.public_from, search_vector = excluded.search_vector;
    end if;
    return null;
end
$$;

create trigger review_document_refresh
    after insert or update of title, pull_quote, body, verdict, film_id, author_id, genre_id, public_from on article
    for each row execute function review_document_refresh();

-- The documents of the reviews that show a changed film, director, genre or author (V35's triggers).
create or replace function article_search_vector_refresh_related() returns trigger
    language plpgsql
    set search_path from current
as $$
declare
    changed record;
    changed_film bigint;
    changed_author bigint;
    changed_genre bigint;
begin
    if tg_op = 'DELETE' then
        changed := old;
    else
        changed := new;
    end if;
    if tg_table_name in ('film_director', 'film_genre') then
        changed_film := changed.film_id;
    elsif tg_table_name = 'film' then
        changed_film := changed.id;
    elsif tg_table_name = 'author' then
        changed_author := changed.id;
    elsif tg_table_name = 'genre' then
        changed_genre := changed.id;
    end if;
    update review_document d
       set search_vector = article_search_vector(a.title, a.pull_quote, a.body, a.verdict, a.film_id, a.author_id, a.genre_id)
      from article a
     where d.article_id = a.id
       and (a.film_id = changed_film or a.author_id = changed_author or a.genre_id = changed_genre
            or a.film_id in (select fg.film_id from film_genre fg where fg.genre_id = changed_genre));
    return null;
end
$$;

-- What the article feature publishes for search: the documents of the reviews that are or will be
-- public (readers add "public_from <= now", as with public_review).
create view public_review_document as
select article_id as id, public_from, search_vector
  from review_document
 where public_from is not null;

drop view public_review;
alter table article drop column search_vector;
create view public_review as
select id, slug, title, genre_id, film_id, author_id, pull_quote, body, verdict,
       publish_at, public_from, updated_at, noindex
  from article
 where public_from is not null;

-- The planner needs the new table's statistics before the first search.
analyze review_document;
