#!/usr/bin/env bash
# EXPLAIN ANALYZE of the statements a genre's recount runs (poll.Leaderboard.of, Challengers.top), at 100k.
DB=${1:-board_100k}; G=${2:-1}
P="psql -h 127.0.0.1 -U postgres $DB -q"
echo "-- 1. the genre's polls with their counts (Leaderboard.of)"
$P -c "explain (analyze, buffers) select q.article_id, f.id as film_id, f.title, f.slug as film_slug, f.release_year, coalesce(sum(o.votes) filter (where o.affirmative), 0) as yes, coalesce(sum(o.votes), 0) as votes, exists (select 1 from poll_verdict v where v.question_id = q.id and v.round = q.round) as final, (select count(*) from vote v where v.question_id = q.id and v.round = q.round and v.voiding_id is not null) as excluded from vote_question q join film f on f.id = q.film_id left join vote_option o on o.question_id = q.id where q.genre_id = $G and q.opens_at <= now() and (q.results_shown = 'ALWAYS' or q.closes_at <= now()) group by q.id, f.id, f.title, f.slug, f.release_year"
IDS=$($P -Atc "select string_agg(article_id::text, ',') from vote_question where genre_id = $G and article_id is not null")
echo "-- 2. which of their reviews are public (PollReviews.publicAt, $(tr ',' '\n' <<<"$IDS" | wc -l) ids)"
$P -c "explain (analyze, buffers) select a1_0.id, a1_0.slug, a1_0.public_from from article a1_0 where a1_0.id in ($IDS) and a1_0.public_from <= now()" | grep -v "^ *Index Cond\|Filter: (id = ANY" | cut -c1-200
echo "-- 3. the challengers' polls (Challengers.top)"
$P -c "explain (analyze, buffers) select id, article_id from vote_question where genre_id = $G and article_id is not null"
