-- The statements /search runs (SearchRepository), at 100,000 reviews: the capped count and the
-- page of hits, for rare words, for ordinary words, and for a word in every review.
--   psql -h 127.0.0.1 -U postgres -d search_scratch -f scripts/search-explain.sql
\timing on

-- Francois Truffaut
explain (analyze, buffers, costs off)
select count(*) from (select 1 from article a
 where a.search_vector @@ websearch_to_tsquery('bestever_english', 'Francois Truffaut')
   and a.status in ('SCHEDULED', 'PUBLISHED') and a.publish_at <= now()
 order by a.publish_at desc, a.id desc limit 1001) matches;

explain (analyze, buffers, costs off)
with candidates as (
    select a.id, a.search_vector, a.publish_at from article a
     where a.search_vector @@ websearch_to_tsquery('bestever_english', 'Francois Truffaut')
       and a.status in ('SCHEDULED', 'PUBLISHED') and a.publish_at <= now()
     order by a.publish_at desc, a.id desc limit 1000),
hits as (
    select c.id, ts_rank_cd(c.search_vector, websearch_to_tsquery('bestever_english', 'Francois Truffaut')) as rank, c.publish_at
      from candidates c order by rank desc, c.publish_at desc, c.id desc limit 20 offset 0)
select a.slug,
       ts_headline('bestever_english', a.title, websearch_to_tsquery('bestever_english', 'Francois Truffaut'), 'HighlightAll=true') as title,
       ts_headline('bestever_english', a.pull_quote || E'\n' || a.body, websearch_to_tsquery('bestever_english', 'Francois Truffaut'),
                   'MaxWords=35, MinWords=15, MaxFragments=2') as snippet
  from hits join article a on a.id = hits.id order by hits.rank desc, hits.publish_at desc, hits.id desc;

-- antoine doinel
explain (analyze, buffers, costs off)
select count(*) from (select 1 from article a
 where a.search_vector @@ websearch_to_tsquery('bestever_english', 'antoine doinel')
   and a.status in ('SCHEDULED', 'PUBLISHED') and a.publish_at <= now()
 order by a.publish_at desc, a.id desc limit 1001) matches;

explain (analyze, buffers, costs off)
with candidates as (
    select a.id, a.search_vector, a.publish_at from article a
     where a.search_vector @@ websearch_to_tsquery('bestever_english', 'antoine doinel')
       and a.status in ('SCHEDULED', 'PUBLISHED') and a.publish_at <= now()
     order by a.publish_at desc, a.id desc limit 1000),
hits as (
    select c.id, ts_rank_cd(c.search_vector, websearch_to_tsquery('bestever_english', 'antoine doinel')) as rank, c.publish_at
      from candidates c order by rank desc, c.publish_at desc, c.id desc limit 20 offset 0)
select a.slug,
       ts_headline('bestever_english', a.title, websearch_to_tsquery('bestever_english', 'antoine doinel'), 'HighlightAll=true') as title,
       ts_headline('bestever_english', a.pull_quote || E'\n' || a.body, websearch_to_tsquery('bestever_english', 'antoine doinel'),
                   'MaxWords=35, MinWords=15, MaxFragments=2') as snippet
  from hits join article a on a.id = hits.id order by hits.rank desc, hits.publish_at desc, hits.id desc;

-- freedom trap
explain (analyze, buffers, costs off)
select count(*) from (select 1 from article a
 where a.search_vector @@ websearch_to_tsquery('bestever_english', 'freedom trap')
   and a.status in ('SCHEDULED', 'PUBLISHED') and a.publish_at <= now()
 order by a.publish_at desc, a.id desc limit 1001) matches;

explain (analyze, buffers, costs off)
with candidates as (
    select a.id, a.search_vector, a.publish_at from article a
     where a.search_vector @@ websearch_to_tsquery('bestever_english', 'freedom trap')
       and a.status in ('SCHEDULED', 'PUBLISHED') and a.publish_at <= now()
     order by a.publish_at desc, a.id desc limit 1000),
hits as (
    select c.id, ts_rank_cd(c.search_vector, websearch_to_tsquery('bestever_english', 'freedom trap')) as rank, c.publish_at
      from candidates c order by rank desc, c.publish_at desc, c.id desc limit 20 offset 0)
select a.slug,
       ts_headline('bestever_english', a.title, websearch_to_tsquery('bestever_english', 'freedom trap'), 'HighlightAll=true') as title,
       ts_headline('bestever_english', a.pull_quote || E'\n' || a.body, websearch_to_tsquery('bestever_english', 'freedom trap'),
                   'MaxWords=35, MinWords=15, MaxFragments=2') as snippet
  from hits join article a on a.id = hits.id order by hits.rank desc, hits.publish_at desc, hits.id desc;

-- verdict
explain (analyze, buffers, costs off)
select count(*) from (select 1 from article a
 where a.search_vector @@ websearch_to_tsquery('bestever_english', 'verdict')
   and a.status in ('SCHEDULED', 'PUBLISHED') and a.publish_at <= now()
 order by a.publish_at desc, a.id desc limit 1001) matches;

explain (analyze, buffers, costs off)
with candidates as (
    select a.id, a.search_vector, a.publish_at from article a
     where a.search_vector @@ websearch_to_tsquery('bestever_english', 'verdict')
       and a.status in ('SCHEDULED', 'PUBLISHED') and a.publish_at <= now()
     order by a.publish_at desc, a.id desc limit 1000),
hits as (
    select c.id, ts_rank_cd(c.search_vector, websearch_to_tsquery('bestever_english', 'verdict')) as rank, c.publish_at
      from candidates c order by rank desc, c.publish_at desc, c.id desc limit 20 offset 0)
select a.slug,
       ts_headline('bestever_english', a.title, websearch_to_tsquery('bestever_english', 'verdict'), 'HighlightAll=true') as title,
       ts_headline('bestever_english', a.pull_quote || E'\n' || a.body, websearch_to_tsquery('bestever_english', 'verdict'),
                   'MaxWords=35, MinWords=15, MaxFragments=2') as snippet
  from hits join article a on a.id = hits.id order by hits.rank desc, hits.publish_at desc, hits.id desc;
