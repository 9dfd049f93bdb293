-- The search page's one statement (search.SearchRepository.PAGE) for the query in :q, as the site
-- sends it: now() for :now, page 1 (20 hits). Included by bench/explain.sql, once per query.
explain (analyze, buffers, costs off)
with candidates as (
    select d.id, d.public_from
      from public_review_document d
     where d.search_vector @@ websearch_to_tsquery('bestever_english', :'q')
       and d.public_from <= now()
     order by d.public_from desc, d.id desc
     limit 101
),
hits as (
    select c.id, c.public_from, ts_rank_cd(d.search_vector, websearch_to_tsquery('bestever_english', :'q')) as rank
      from (select * from candidates order by public_from desc, id desc limit 100) c
      join public_review_document d on d.id = c.id
     order by rank desc, c.public_from desc, c.id desc
     limit 20 offset 0
)
select (select count(*) from candidates) as total,
       a.slug, a.title, a.publish_at, g.name as genre_name, g.slug as genre_slug,
       au.name as author_name, au.slug as author_slug, f.title as film_title,
       ts_headline('bestever_english', translate(a.title, E'\uE000\uE001', ''), websearch_to_tsquery('bestever_english', :'q'),
                   E'StartSel=\uE000, StopSel=\uE001, HighlightAll=true') as title_headline,
       ts_headline('bestever_english', translate(left(a.pull_quote || E'\n' || a.body, 800), E'\uE000\uE001', ''),
                   websearch_to_tsquery('bestever_english', :'q'),
                   E'StartSel=\uE000, StopSel=\uE001, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "') as snippet
  from hits
  join public_review a on a.id = hits.id
  join genre g on g.id = a.genre_id
  join author au on au.id = a.author_id
  join film f on f.id = a.film_id
 order by hits.rank desc, hits.public_from desc, hits.id desc;
