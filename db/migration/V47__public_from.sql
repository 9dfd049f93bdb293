-- When a review is public, defined once: the moment it becomes visible to readers, or null
-- while it is not meant to be (a draft, or in review). Every reader of reviews, in JPQL
-- (Article.publicFrom) and in SQL (the public_review view), asks "public_from <= now" with the
-- now of the application's clock, so a new state (say UNLISTED) is one change here.
alter table article
    add column public_from timestamptz
        generated always as (case when status in ('SCHEDULED', 'PUBLISHED') then publish_at end) stored;

drop index article_public_idx; -- replaced by article_public_from

-- Listings are "public reviews, newest first", overall and per genre, author and film.
create index article_public_from on article (public_from desc, id desc) where public_from is not null;
create index article_public_by_genre on article (genre_id, public_from desc, id desc) where public_from is not null;
create index article_public_by_author on article (author_id, public_from desc, id desc) where public_from is not null;
create index article_public_by_film on article (film_id, public_from desc, id desc) where public_from is not null;

-- What the article feature publishes for the other features' SQL (search, sitemap): the
-- reviews that are or will be public, with the moment they are. Readers add "public_from <= now".
create view public_review as
select id, slug, title, genre_id, film_id, author_id, pull_quote, body, verdict, search_vector,
       publish_at, public_from, updated_at
  from article
 where public_from is not null;
