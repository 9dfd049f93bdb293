# Sourced by bench/run.sh and bench/profile.sh: the spread URL lists of the public pages, straight
# from the database ($DB): page_urls DIR writes DIR/review, home, genre, author and film.
page_urls() {
  local dir=$1
  q "select '/reviews/' || slug from public_review where public_from <= now() order by random() limit 20000" >"$dir/review"
  q "select '/?page=' || p from generate_series(1, (select greatest(1, ceil(count(*) / 20.0)::int) from public_review where public_from <= now())) p" >"$dir/home"
  q "select '/genres/' || g.slug || '?page=' || p from genre g, lateral generate_series(1, greatest(1, ceil((select count(*) from public_review r where r.genre_id = g.id and r.public_from <= now()) / 20.0)::int)) p where exists (select 1 from public_review r where r.genre_id = g.id and r.public_from <= now())" >"$dir/genre"
  q "select '/authors/' || a.slug || '?page=' || p from author a, lateral generate_series(1, greatest(1, ceil((select count(*) from public_review r where r.author_id = a.id and r.public_from <= now()) / 20.0)::int)) p where exists (select 1 from public_review r where r.author_id = a.id and r.public_from <= now())" >"$dir/author"
  q "select '/films/' || slug from film order by random() limit 20000" >"$dir/film"
}
