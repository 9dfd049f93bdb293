-- Full-text search over reviews (/search?q=). Each article keeps a weighted tsvector:
--   A title, B pull quote, C body and verdict,
--   D the film (title, original title, directors, genres), the author and the review's genre.
-- English stemming, accent-insensitive: the configuration runs every word through the
-- unaccent dictionary (extension created in V1) before the English stemmer, so "Francois"
-- finds "François". to_tsvector(regconfig, text) is immutable, so no unaccent() wrapper is needed.

create text search configuration bestever_english (copy = english);
alter text search configuration bestever_english
    alter mapping for hword, hword_part, word with unaccent, english_stem;

alter table article add column search_vector tsvector not null default ''::tsvector;

-- The document of one article. The names that live in other tables are read here, and the
-- triggers below recompute the affected articles when those rows change.
create function article_search_vector(p_title text, p_pull_quote text, p_body text, p_verdict text,
                                      p_film_id bigint, p_author_id bigint, p_genre_id bigint)
    returns tsvector
    language sql stable
    set search_path from current
as $$
    select setweight(to_tsvector('bestever_english', coalesce(p_title, '')), 'A')
        || setweight(to_tsvector('bestever_english', coalesce(p_pull_quote, '')), 'B')
        || setweight(to_tsvector('bestever_english', concat_ws(' ', p_body, p_verdict)), 'C')
        || setweight(to_tsvector('bestever_english', concat_ws(' ',
               (select concat_ws(' ', f.title, f.original_title) from film f where f.id = p_film_id),
               (select string_agg(d.name, ' ' order by d.position) from film_director d where d.film_id = p_film_id),
               (select au.name from author au where au.id = p_author_id),
               (select g.name from genre g where g.id = p_genre_id),
               (select string_agg(g.name, ' ' order by g.name)
                  from film_genre fg join genre g on g.id = fg.genre_id where fg.film_id = p_film_id))), 'D')
$$;

create function article_search_vector_refresh() returns trigger
    language plpgsql
    set search_path from current
as $$
begin
    new.search_vector := article_search_vector(new.title, new.pull_quote, new.body, new.verdict,
                                               new.film_id, new.author_id, new.genre_id);
    return new;
end
$$;

create trigger article_search_vector_refresh
    before insert or update of title, pull_quote, body, verdict, film_id, author_id, genre_id on article
    for each row execute function article_search_vector_refresh();

-- Recompute the vectors of the articles that show a changed film, director, genre or author.
create function article_search_vector_refresh_related() returns trigger
    language plpgsql
    set search_path from current
as $$
declare
    changed record;
begin
    if tg_op = 'DELETE' then
        changed := old;
    else
        changed := new;
    end if;
    if tg_table_name in ('film_director', 'film_genre') then
        update article a
           set search_vector = article_search_vector(a.title, a.pull_quote, a.body, a.verdict, a.film_id, a.author_id, a.genre_id)
         where a.film_id = changed.film_id;
    elsif tg_table_name = 'film' then
        update article a
           set search_vector = article_search_vector(a.title, a.pull_quote, a.body, a.verdict, a.film_id, a.author_id, a.genre_id)
         where a.film_id = changed.id;
    elsif tg_table_name = 'author' then
        update article a
           set search_vector = article_search_vector(a.title, a.pull_quote, a.body, a.verdict, a.film_id, a.author_id, a.genre_id)
         where a.author_id = changed.id;
    elsif tg_table_name = 'genre' then
        update article a
           set search_vector = article_search_vector(a.title, a.pull_quote, a.body, a.verdict, a.film_id, a.author_id, a.genre_id)
         where a.genre_id = changed.id
            or a.film_id in (select fg.film_id from film_genre fg where fg.genre_id = changed.id);
    end if;
    return null;
end
$$;

create trigger film_search_vector_refresh
    after update of title, original_title on film
    for each row when (old.title is distinct from new.title or old.original_title is distinct from new.original_title)
    execute function article_search_vector_refresh_related();

create trigger film_director_search_vector_refresh
    after insert or update or delete on film_director
    for each row execute function article_search_vector_refresh_related();

create trigger film_genre_search_vector_refresh
    after insert or delete on film_genre
    for each row execute function article_search_vector_refresh_related();

create trigger author_search_vector_refresh
    after update of name on author
    for each row when (old.name is distinct from new.name)
    execute function article_search_vector_refresh_related();

create trigger genre_search_vector_refresh
    after update of name on genre
    for each row when (old.name is distinct from new.name)
    execute function article_search_vector_refresh_related();

update article a
   set search_vector = article_search_vector(a.title, a.pull_quote, a.body, a.verdict, a.film_id, a.author_id, a.genre_id);

create index article_search_idx on article using gin (search_vector);
