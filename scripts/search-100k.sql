-- One-off measurement of /search at 100,000 reviews (not a test). On a scratch database
-- with V1__schema.sql and V35__search.sql applied:
--   psql -h 127.0.0.1 -U postgres -d search_scratch -v sample="$(cat src/main/resources/sample/the-400-blows.txt)" -f scripts/search-100k.sql
-- Generates 100,000 public reviews whose text is drawn from the sample's vocabulary, adds the
-- sample itself, then EXPLAIN ANALYZEs the search statements the site runs.
\timing on
set client_min_messages = warning;

truncate article, film, author, genre restart identity cascade;

insert into genre (name, slug)
select 'Genre ' || g, 'genre-' || g from generate_series(1, 30) g;
insert into genre (name, slug) values ('Drama', 'drama'), ('Coming-of-Age', 'coming-of-age');

insert into author (name, slug)
select 'Critic ' || a, 'critic-' || a from generate_series(1, 200) a;
insert into author (name, slug) values ('Philip Dale', 'philip-dale');

insert into film (title, slug, release_year)
select 'Film ' || f, 'film-' || f, 1900 + f % 120 from generate_series(1, 20000) f;
insert into film_director (film_id, position, name)
select f, 0, 'Director ' || (f % 3000) from generate_series(1, 20000) f;
insert into film_genre (film_id, genre_id)
select f, 1 + f % 30 from generate_series(1, 20000) f;

-- 2,000 passages of 150 words drawn at random from a vocabulary of the sample's ordinary
-- words plus 30,000 made-up ones (the sample's names left out, so that, as on a real site,
-- "Truffaut" or "Doinel" are rare); each review's body joins two passages, its pull quote
-- is the start of a third.
create temporary table passage as
with vocabulary as (
    select array_agg(w) as words
      from (select distinct w from regexp_split_to_table(lower(:'sample'), '[^[:alpha:]]+') w
             where length(w) > 2 and w not in ('françois', 'truffaut', 'antoine', 'doinel', 'léaud', 'jean', 'pierre')
            union
            select translate(left(md5(n::text), 5 + n % 5), '0123456789', 'ghijklmnop') from generate_series(1, 30000) n) v)
select p as id, (select string_agg(v.words[1 + floor(random() * array_length(v.words, 1))::int + 0 * w], ' ')
                   from generate_series(1, 150) w) as text
  from generate_series(0, 1999) p, vocabulary v;

insert into article (title, slug, genre_id, film_id, author_id, pull_quote, body, verdict, status, publish_at)
select 'Review ' || i || ' ' || split_part(p3.text, ' ', 1 + i % 50),
       'review-' || i,
       1 + i % 30, 1 + i % 20000, 1 + i % 200,
       left(p3.text, 160),
       p1.text || E'\n\n' || p2.text,
       'The verdict on review ' || i || '.',
       case when i % 10 = 0 then 'DRAFT' else 'PUBLISHED' end,
       case when i % 10 = 0 then null else now() - (i || ' minutes')::interval end
  from generate_series(1, 100000) i
  join passage p1 on p1.id = i % 2000
  join passage p2 on p2.id = (i * 7 + i / 2000) % 2000
  join passage p3 on p3.id = (i * 13 + 5) % 2000;

-- The sample review, as SampleContent loads it.
insert into film (title, slug, original_title, release_year) values ('The 400 Blows', 'the-400-blows', 'Les Quatre Cents Coups', 1959);
insert into film_director (film_id, position, name) select id, 0, 'François Truffaut' from film where slug = 'the-400-blows';
insert into film_genre (film_id, genre_id) select f.id, g.id from film f, genre g where f.slug = 'the-400-blows' and g.slug in ('drama', 'coming-of-age');
insert into article (title, slug, genre_id, film_id, author_id, pull_quote, body, verdict, status, publish_at)
select 'The 400 Blows', 'the-400-blows', (select id from genre where slug = 'drama'), (select id from film where slug = 'the-400-blows'),
       (select id from author where slug = 'philip-dale'),
       'François Truffaut remembered what it felt like to be a child.', :'sample',
       'François Truffaut: The Best Ever is the moment before freedom becomes just another trap.', 'PUBLISHED', now() - interval '1 day';

vacuum analyze article;
select count(*) as reviews, pg_size_pretty(pg_total_relation_size('article')) as table_size,
       pg_size_pretty(pg_relation_size('article_search_idx')) as gin_index_size from article;

\ir search-explain.sql
