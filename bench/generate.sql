-- Content at scale: adds N synthetic reviews (each ~300 words of Markdown, with its film,
-- author, genre, a poll with votes and two recommendations) to a database the site has
-- migrated, with set-based SQL only. 100,000 reviews take a few minutes.
--
--   PGOPTIONS='-c bench.n=100000' psql -1 -v ON_ERROR_STOP=1 -d DB -f bench/generate.sql
--
-- (bench.n defaults to 1000.) Run it once per database: every row it adds has a slug starting
-- with "gen-", and it refuses to run twice. Also run by the scaling tests (support.Generator),
-- statement by statement, after "set bench.n = …". Not a migration: nothing runs it by itself.
--
-- Shape: N/2 films (one director, one or two of 30 genres), N/500 + 10 critics; 94% of the
-- reviews published (one every 7 minutes, back from now), 3% scheduled in the future, 3%
-- drafts; every published review has a poll (10% of them closed) with vote counts.
-- The words are drawn from 2,000 passages of 150 words over a 30,000-word made-up vocabulary
-- plus ordinary English, so search has rare and common words, as on a real site.

set client_min_messages = warning;

do $$
begin
    if exists (select 1 from genre where slug like 'gen-%') then
        raise exception 'this database already has generated content (slugs gen-*)';
    end if;
end
$$;

create temporary table gen_size as select coalesce(nullif(current_setting('bench.n', true), ''), '1000')::int as n;

insert into genre (name, slug, description)
select 'Generated Genre ' || g, 'gen-genre-' || g, 'Films of generated genre ' || g || '.'
  from generate_series(1, 30) g;

insert into author (name, slug, bio)
select 'Critic ' || a, 'gen-critic-' || a, 'Critic ' || a || ' writes about films for Best Ever.'
  from gen_size, generate_series(1, n / 500 + 10) a;

create temporary table gen_genre as
select row_number() over (order by id) as k, id from genre where slug like 'gen-genre-%';
create temporary table gen_author as
select row_number() over (order by id) - 1 as k, id from author where slug like 'gen-critic-%';

insert into film (title, slug, original_title, release_year, country, language, runtime_minutes)
select 'Generated Film ' || f, 'gen-film-' || f, case when f % 4 = 0 then 'Film Généré ' || f end,
       1900 + f % 125, 'Country ' || f % 40, 'Language ' || f % 25, 80 + f % 90
  from gen_size, generate_series(1, greatest(n / 2, 1)) f;

create temporary table gen_film as
select row_number() over (order by id) as k, id from film where slug like 'gen-film-%';

insert into film_director (film_id, position, name)
select id, 0, 'Director ' || (k % 3000) from gen_film;
insert into film_cast_member (film_id, position, name)
select id, p, 'Actor ' || ((k * 7 + p) % 20000) from gen_film, generate_series(0, 2) p;
insert into film_genre (film_id, genre_id)
select f.id, g.id from gen_film f join gen_genre g on g.k = 1 + f.k % 30;
insert into film_genre (film_id, genre_id)
select f.id, g.id from gen_film f join gen_genre g on g.k = 1 + (f.k * 7 + 3) % 30
 where f.k % 3 = 0 and 1 + (f.k * 7 + 3) % 30 <> 1 + f.k % 30;

create temporary table gen_passage as
with vocabulary as (
    select array_agg(w) as words
      from (select unnest(string_to_array(
                'the film camera shot scene light story moment face boy city night water house mother father school '
             || 'friend memory time world cinema frame director actor picture silence music street window rain year '
             || 'childhood freedom trap question answer ending beginning heart truth love fear hope dream road sea',
                ' ')) w
            union
            select translate(left(md5(n::text), 5 + n % 5), '0123456789', 'ghijklmnop')
              from generate_series(1, 30000) n) v)
select p as id,
       (select string_agg(v.words[1 + floor(random() * array_length(v.words, 1))::int + 0 * w], ' ')
          from generate_series(1, 150) w) as text
  from generate_series(0, 1999) p, vocabulary v;

insert into article (title, slug, genre_id, film_id, author_id, pull_quote, body, verdict, status, publish_at,
                     created_at, updated_at)
select 'Generated Review ' || i || ' ' || split_part(p3.text, ' ', 1 + i % 50),
       'gen-review-' || i,
       g.id, f.id, au.id,
       left(p3.text, 160) || '.',
       initcap(left(p1.text, 1)) || substr(p1.text, 2) || E'.\n\n*' || split_part(p2.text, ' ', 1) || '* '
           || substr(p2.text, length(split_part(p2.text, ' ', 1)) + 2) || '.',
       'The verdict on review ' || i || ': the best ever.',
       case when i % 33 = 0 then 'DRAFT' when i % 33 = 1 then 'SCHEDULED' else 'PUBLISHED' end,
       case when i % 33 = 0 then null
            when i % 33 = 1 then now() + (i || ' minutes')::interval
            else now() - ((i * 7) || ' minutes')::interval end,
       now() - ((i * 7 + 60) || ' minutes')::interval,
       now() - ((i * 7) || ' minutes')::interval
  from gen_size cross join generate_series(1, n) i
  join gen_film f on f.k = 1 + (i - 1) % greatest(n / 2, 1)
  join gen_genre g on g.k = 1 + f.k % 30
  join gen_author au on au.k = i % (n / 500 + 10)
  join gen_passage p1 on p1.id = i % 2000
  join gen_passage p2 on p2.id = (i * 7 + i / 2000) % 2000
  join gen_passage p3 on p3.id = (i * 13 + 5) % 2000;

-- The generated Markdown is two plain paragraphs, the second opening with an emphasised word. Its
-- safe HTML (V60's body_html) is written here exactly as article.Markdown's renderer version 1
-- writes it (checked on 1,000 generated rows against the renderer's own output), so a generated
-- database is measured as the site keeps it, not while BodyHtmlBackfill renders 100,000 rows.
do $$
begin
    if exists (select 1 from information_schema.columns where table_name = 'article' and column_name = 'body_html') then
        update article
           set body_html = '<p>' || split_part(body, E'\n\n', 1) || E'</p>\n<p><em>'
                   || split_part(split_part(body, E'\n\n', 2), '*', 2) || '</em>'
                   || substr(split_part(body, E'\n\n', 2), length(split_part(split_part(body, E'\n\n', 2), '*', 2)) + 3)
                   || E'</p>\n',
               body_html_version = 1
         where slug like 'gen-review-%';
    end if;
end
$$;

create temporary table gen_article as
select id, film_id, genre_id, publish_at, status from article where slug like 'gen-review-%';

insert into recommendation (article_id, position, text, url)
select a.id, p, case p when 0 then 'The restored Blu-ray, with the director''s commentary.'
                       else 'The box set of the director''s early films.' end,
       case p when 0 then 'https://example.com/films/' || a.film_id end
  from gen_article a, generate_series(0, 1) p;

insert into vote_question (article_id, film_id, genre_id, question, opens_at, closes_at, created_at, updated_at)
select a.id, a.film_id, a.genre_id, 'Is this film the Best Ever movie of its genre? You tell us.',
       a.publish_at, case when a.id % 10 = 0 then a.publish_at + interval '3 days' end, a.publish_at, a.publish_at
  from gen_article a
 where a.status <> 'DRAFT';

insert into vote_option (question_id, position, label, affirmative, votes)
select q.id, p, case p when 0 then 'Yes, it''s the best ever' else 'No, something else is' end, p = 0,
       case p when 0 then (q.id * 37) % 400 else (q.id * 11) % 150 end
  from vote_question q join gen_article a on a.id = q.article_id, generate_series(0, 1) p;

-- A few real vote rows, so the vote table is not empty (the counts above stand for the rest).
insert into vote (question_id, option_id, voter_id, created_at)
select o.question_id, o.id, md5('gen-voter-' || o.id || '-' || v), now()
  from vote_option o join vote_question q on q.id = o.question_id join gen_article a on a.id = q.article_id,
       generate_series(1, 3) v
 where o.position = 0;

-- Rounds whose closing time has passed are frozen, as the site does when a round closes
-- (poll.PollVerdicts): without this the site would start on a backlog of thousands of rounds
-- to freeze, and its pages would measure that catch-up instead of themselves. The 95% Wilson
-- interval as WilsonScore computes it; no genre rank (the site ranks at freezing time).
insert into poll_verdict (question_id, round, genre_id, closed_at, yes, votes, lower, upper, excluded)
select q.id, q.round, q.genre_id, q.closes_at, c.yes, c.votes,
       case when c.votes = 0 then 0 else greatest(0, (c.p + z.z2 / (2 * c.votes) - z.z * sqrt(c.p * (1 - c.p) / c.votes + z.z2 / (4.0 * c.votes * c.votes))) / (1 + z.z2 / c.votes)) end,
       case when c.votes = 0 then 1 else least(1, (c.p + z.z2 / (2 * c.votes) + z.z * sqrt(c.p * (1 - c.p) / c.votes + z.z2 / (4.0 * c.votes * c.votes))) / (1 + z.z2 / c.votes)) end,
       0
  from vote_question q join gen_article a on a.id = q.article_id,
       lateral (select coalesce(sum(o.votes) filter (where o.affirmative), 0) as yes, coalesce(sum(o.votes), 0) as votes,
                       coalesce(sum(o.votes) filter (where o.affirmative), 0)::float8 / greatest(1, coalesce(sum(o.votes), 0)) as p
                  from vote_option o where o.question_id = q.id) c,
       (select 1.959963984540054::float8 as z, 1.959963984540054::float8 ^ 2 as z2) z
 where q.closes_at <= now()
on conflict (question_id, round) do nothing;

analyze;

select (select count(*) from article) as reviews,
       (select count(*) from article where public_from <= now()) as public_reviews,
       (select count(*) from film) as films, (select count(*) from author) as authors,
       (select count(*) from vote_question) as polls;
