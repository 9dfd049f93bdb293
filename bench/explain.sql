-- EXPLAIN ANALYZE of every listing and search query the site runs, at 100,000 reviews.
--   psql -h 127.0.0.1 -U postgres -d perf_100k -f bench/explain.sql > bench/explain-100k.txt
-- JPQL queries are written here as the SQL Hibernate sends (same joins, same predicates); plain
-- SQL statements (ReviewCards, the search) as the site sends them.
-- :ids below are 20 ids of one page of the home listing, as ListingIndex hands them over.
\pset pager off
set client_min_messages = warning;
select array_agg(id) as ids from (select id from article where public_from <= now() order by public_from desc, id desc offset 50000 limit 20) p \gset
select id as film from film where slug = 'gen-film-777' \gset
select id as genre from genre where slug = 'gen-genre-7' \gset
select id as author from author where slug = 'gen-critic-7' \gset

\echo '=== ReviewOrder: every public or scheduled review, newest first (once per review change; the listings and the sitemap read it from memory)'
explain (analyze, buffers, costs off)
select id, public_from, greatest(updated_at, publish_at) as changed, noindex, film_id, author_id, genre_id
  from article where public_from is not null order by public_from desc, id desc;

\echo '=== A listing pages cards by primary key, with their stored HTML (ReviewCards.byIds; home page 2,501, genre and author pages alike)'
explain (analyze, buffers, costs off)
select n.*, c.digest as stored_digest, c.html as stored_html from (
select a.id, a.slug, a.title, a.pull_quote, a.publish_at, a.public_from, g.id as genre_id, g.slug as genre_slug, g.name as genre_name,
       au.id as author_id, au.slug as author_slug, au.name as author_name, f.id as film_id, f.slug as film_slug, f.title as film_title,
       f.poster_key, f.poster_width, f.poster_height, f.poster_alt
  from article a join genre g on g.id = a.genre_id join author au on au.id = a.author_id join film f on f.id = a.film_id
 where a.id = any(:'ids'::bigint[]) and a.public_from <= now()
) n left join review_card c on c.article_id = n.id;

\echo '=== Film page: its reviews cards, with their stored HTML (ReviewCards.aboutFilm)'
explain (analyze, buffers, costs off)
select n.*, c.digest as stored_digest, c.html as stored_html from (
select a.id, a.slug, a.title, a.pull_quote, a.publish_at, a.public_from, g.id as genre_id, g.slug as genre_slug, g.name as genre_name,
       au.id as author_id, au.slug as author_slug, au.name as author_name, f.id as film_id, f.slug as film_slug, f.title as film_title,
       f.poster_key, f.poster_width, f.poster_height, f.poster_alt
  from article a join genre g on g.id = a.genre_id join author au on au.id = a.author_id join film f on f.id = a.film_id
 where a.film_id = :film and a.public_from <= now()
) n left join review_card c on c.article_id = n.id order by n.public_from desc, n.id desc;

\echo '=== Feed: the 20 newest as entries (ReviewEntry: the columns shown, the stored HTML, no Markdown, genre and critic)'
explain (analyze, buffers, costs off)
select a.id, a.slug, a.title, a.pull_quote,
       case when a.body_html_version = 1 and a.body_html is not null then a.body_html else null end,
       case when a.body_html_version = 1 and a.body_html is not null then null else a.body end,
       a.verdict, a.publish_at, a.updated_at, g.id, g.slug, g.name, au.id, au.slug, au.name
  from article a join genre g on g.id = a.genre_id join author au on au.id = a.author_id
 where a.public_from <= now() order by a.public_from desc, a.id desc limit 20;

\echo '=== Before: the feed as entities (every column of the review, its genre and critic)'
explain (analyze, buffers, costs off)
select a.*, g.*, au.* from article a join genre g on g.id = a.genre_id join author au on au.id = a.author_id where a.public_from <= now() order by a.public_from desc, a.id desc limit 20;

\echo '=== Review page'
explain (analyze, buffers, costs off)
select a.*, g.*, f.*, au.*, r.* from article a join genre g on g.id = a.genre_id join film f on f.id = a.film_id join author au on au.id = a.author_id left join recommendation r on r.article_id = a.id where a.slug = 'gen-review-77777' and a.public_from <= now();

select id as review, film_id as review_film, genre_id as review_genre from article where slug = 'gen-review-77777' \gset

\echo '=== Review page: its read-next neighbours with their stored HTML, the film's newest others and the genre's newest of other films (3 each; ReviewCards.neighbours)'
explain (analyze, buffers, costs off)
select n.*, c.digest as stored_digest, c.html as stored_html from (
(select a.id, a.slug, a.title, a.pull_quote, a.publish_at, a.public_from, g.id as genre_id, g.slug as genre_slug, g.name as genre_name,
       au.id as author_id, au.slug as author_slug, au.name as author_name, f.id as film_id, f.slug as film_slug, f.title as film_title,
       f.poster_key, f.poster_width, f.poster_height, f.poster_alt
  from article a join genre g on g.id = a.genre_id join author au on au.id = a.author_id join film f on f.id = a.film_id
  where a.film_id = :review_film and a.id <> :review and a.public_from <= now() order by a.public_from desc, a.id desc limit 3)
union all
(select a.id, a.slug, a.title, a.pull_quote, a.publish_at, a.public_from, g.id as genre_id, g.slug as genre_slug, g.name as genre_name,
       au.id as author_id, au.slug as author_slug, au.name as author_name, f.id as film_id, f.slug as film_slug, f.title as film_title,
       f.poster_key, f.poster_width, f.poster_height, f.poster_alt
  from article a join genre g on g.id = a.genre_id join author au on au.id = a.author_id join film f on f.id = a.film_id
  where a.genre_id = :review_genre and a.film_id <> :review_film and a.id <> :review and a.public_from <= now() order by a.public_from desc, a.id desc limit 3)
) n left join review_card c on c.article_id = n.id order by n.public_from desc, n.id desc;

\echo '=== Before: the neighbours as one walk of every review, newest first, until twelve of the film or the genre'
explain (analyze, buffers, costs off)
select a.id, a.slug from article a join genre g on g.id = a.genre_id join author au on au.id = a.author_id join film f on f.id = a.film_id
 where (f.id = :review_film or g.id = :review_genre) and a.id <> :review and a.public_from <= now() order by a.public_from desc, a.id desc limit 12;

\echo '=== Critics record: each polls latest verdict by review (PollVerdicts, once per poll change; an author page then asks nothing)'
explain (analyze, buffers, costs off)
select q.article_id, latest.backed
  from (select distinct on (v.question_id) v.question_id, v.votes > 0 and v.lower > 0.5 as backed from poll_verdict v order by v.question_id, v.round desc) latest
  join vote_question q on q.id = latest.question_id order by q.article_id;

\echo '=== Before: a critics record per author page: every public review of the critic, then their polls verdicts'
explain (analyze, buffers, costs off)
select a.id from article a where a.author_id = :author and a.public_from <= now();
explain (analyze, buffers, costs off)
select distinct on (v.question_id) v.votes > 0 and v.lower > 0.5 as backed from poll_verdict v join vote_question q on q.id = v.question_id
 where q.article_id = any(array(select a.id from article a where a.author_id = :author and a.public_from <= now())) order by v.question_id, v.round desc;

\echo '=== Before: home page 2,501 with OFFSET (what the site ran before ListingIndex)'
explain (analyze, buffers, costs off)
select a.*, g.*, f.*, au.* from article a join genre g on g.id = a.genre_id join film f on f.id = a.film_id join author au on au.id = a.author_id where a.public_from <= now() order by a.public_from desc, a.id desc offset 50000 limit 20;

\echo '=== Before: the home pages count'
explain (analyze, buffers, costs off)
select count(*) from article a where a.public_from <= now();

\echo '=== Before: a genres deep page with OFFSET'
explain (analyze, buffers, costs off)
select a.*, g.*, f.*, au.* from article a join genre g on g.id = a.genre_id join film f on f.id = a.film_id join author au on au.id = a.author_id where a.genre_id = :genre and a.public_from <= now() order by a.public_from desc, a.id desc offset 3000 limit 20;

\echo '=== Readers verdict: a genres polls with their counts'
explain (analyze, buffers, costs off)
select q.article_id, f.id as film_id, f.title, f.slug as film_slug, f.release_year, coalesce(sum(o.votes) filter (where o.affirmative), 0) as yes, coalesce(sum(o.votes), 0) as votes from vote_question q join film f on f.id = q.film_id left join vote_option o on o.question_id = q.id where q.genre_id = :genre and q.opens_at <= now() group by q.id, f.id, f.title, f.slug, f.release_year;

\echo '=== Sitemap: the genres with a poll (SitemapKeys, once per content change; its reviews come from ReviewOrder, and the index and the first key of every page then from memory)'
explain (analyze, buffers, costs off)
select g.id from genre g
 where exists (select 1 from vote_question q where q.genre_id = g.id)
 order by g.id;

-- Where pages 2 and 3 start at 50,000 URLs a page (home and /genres, then the reviews, then the films).
select id as review_page2 from article where public_from <= now() and not noindex order by id offset 49998 limit 1 \gset
select film_id as film_page3 from article where public_from <= now() group by film_id order by film_id
offset (select 100000 - 2 - count(*) from article where public_from <= now() and not noindex) limit 1 \gset

\echo '=== Sitemap page 1: its reviews, a primary-key range up to the first review of page 2'
explain (analyze, buffers, costs off)
select id, slug, greatest(updated_at, publish_at) as lastmod from public_review
 where public_from <= now() and not noindex and id >= -9223372036854775808 and id < :review_page2 order by id;

\echo '=== Sitemap page 2: the rest of the reviews, then its films (up to the first film of page 3)'
explain (analyze, buffers, costs off)
select id, slug, greatest(updated_at, publish_at) as lastmod from public_review
 where public_from <= now() and not noindex and id >= :review_page2 and id < 9223372036854775807 order by id;
explain (analyze, buffers, costs off)
select id, slug, updated_at from film where id >= -9223372036854775808 and id < :film_page3 order by id;

\echo '=== Sitemap page 3 (the last): the rest of the films, every critic, genre and leaderboard'
explain (analyze, buffers, costs off)
select id, slug, updated_at from film where id >= :film_page3 and id < 9223372036854775807 order by id;
explain (analyze, buffers, costs off)
select id, slug, updated_at from author where id >= -9223372036854775808 and id < 9223372036854775807 order by id;
explain (analyze, buffers, costs off)
select g.id, g.slug, g.updated_at from genre g
 where exists (select 1 from vote_question q where q.genre_id = g.id)
   and g.id >= -9223372036854775808 and g.id < 9223372036854775807 order by g.id;

\echo '=== Before: the sitemap index counted every URL on each request'
explain (analyze, buffers, costs off)
with public_now as (
    select id, slug, genre_id, film_id, author_id, noindex, greatest(updated_at, publish_at) as changed
      from public_review where public_from <= now()
)
select (select count(*) from public_now where not noindex)
     + (select case when count(*) > 0 then 2 else 0 end from public_now)
     + (select count(distinct film_id) from public_now)
     + (select count(distinct author_id) from public_now)
     + (select count(distinct genre_id) from public_now)
     + (select count(*) from genre g where exists (select 1 from vote_question q where q.genre_id = g.id));

\echo '=== Before: sitemap page 3 recomputed every URL, sorted them, then OFFSET 100,000'
set work_mem = '32MB';
explain (analyze, buffers, costs off)
with public_now as (
    select id, slug, genre_id, film_id, author_id, noindex, greatest(updated_at, publish_at) as changed
      from public_review where public_from <= now()
), by_film as (select film_id, max(changed) as changed from public_now group by film_id),
by_author as (select author_id, max(changed) as changed from public_now group by author_id),
by_genre as (select genre_id, max(changed) as changed from public_now group by genre_id),
url as (
    select 0 as kind, 0::bigint as id, '/' as path, max(changed) as lastmod from public_now having count(*) > 0
    union all
    select 0, 1, '/genres', max(changed) from public_now having count(*) > 0
    union all
    select 1, r.id, '/reviews/' || r.slug, r.changed from public_now r where not r.noindex
    union all
    select 2, f.id, '/films/' || f.slug, greatest(f.updated_at, b.changed) from film f join by_film b on b.film_id = f.id
    union all
    select 3, a.id, '/authors/' || a.slug, greatest(a.updated_at, b.changed) from author a join by_author b on b.author_id = a.id
    union all
    select 4, g.id, '/genres/' || g.slug, greatest(g.updated_at, b.changed) from genre g join by_genre b on b.genre_id = g.id
    union all
    select 5, g.id, '/best-ever/' || g.slug, greatest(g.updated_at, b.changed) from genre g left join by_genre b on b.genre_id = g.id
     where exists (select 1 from vote_question q where q.genre_id = g.id)
)
select path, lastmod from url order by kind, id offset 100000 limit 50000;
reset work_mem;

-- Search: a check that the query has a word to look for (SearchRepository.searchable), then one
-- statement per page (SearchRepository.PAGE): the 101 newest matches from
-- public_review_document, the newest 100 ranked, the page of 20 with headlines on 800 characters.
-- A rare word is looked up in the GIN index, a common one walks the newest documents (the planner
-- chooses); before V142 the site sent a count and a find, each reading up to 1,000 TOASTed vectors.
\set q 'film'
\echo '=== Search page: a word in every review (walks the newest documents): film'
\ir explain-search.sql

\set q 'gmjeimcmn'
\echo '=== Search page: a word in 1 review in 70, as bench/run.sh picks them (GIN index): gmjeimcmn'
\ir explain-search.sql

\set q '7'
\echo '=== Search page: a word in 1 review in 14 (walks about 1,400 documents): 7'
\ir explain-search.sql

\set q 'hlelp momdf'
\echo '=== Search page: two words: hlelp momdf'
\ir explain-search.sql

\set q '"generated review"'
\echo '=== Search page: a quoted phrase of two common words: "generated review"'
\ir explain-search.sql

\set q 'film -review'
\echo '=== Search page: a word and a word left out that every review has (no match): film -review'
\ir explain-search.sql

\set q 'ghijk'
\echo '=== Search page: a made-up word: ghijk'
\ir explain-search.sql

\echo '=== Search, before the page: has the query a word to look for? (-film has none: querytree is T, the page statement is not run)'
explain (analyze, costs off)
select querytree(websearch_to_tsquery('bestever_english', '-film')) <> 'T';

\echo '=== Article form: the film select before a search (the 50 films added last)'
explain (analyze, buffers, costs off)
select f.* from film f order by f.id desc fetch first 50 rows only;

\echo '=== Article form: "Find a film by title" (Spring Data ContainingIgnoreCase: upper(title) like upper(pattern), 50 at most)'
explain (analyze, buffers, costs off)
select f.* from film f where upper(f.title) like upper('%film 4242%') escape '\' order by f.title, f.release_year fetch first 50 rows only;

\echo '=== Freezing due verdicts: the rounds whose closing time has passed without a verdict'
explain (analyze, buffers, costs off)
select q.id from vote_question q where q.closes_at <= now() and not exists (select 1 from poll_verdict v where v.question_id = q.id and v.round = q.round);

\echo '=== Scheduled publishing, twice a second: the due scheduled reviews, first 200 by their moment (partial index from its first entry)'
explain (analyze, buffers, costs off)
select a.id from article a where a.status = 'SCHEDULED' and a.publish_at <= now() order by a.publish_at limit 200 for update skip locked;

\echo '=== Before: the same without order and limit (the planner walked every scheduled review by status)'
explain (analyze, buffers, costs off)
select a.id from article a where a.status = 'SCHEDULED' and a.publish_at <= now() for update skip locked;
