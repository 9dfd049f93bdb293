-- How a review appears in search results and share cards, when its editor wants it otherwise:
-- its own title and description (else the review's title with its kicker, and its pull quote),
-- and noindex, which asks search engines to leave it out (and takes it out of the sitemap).
alter table article add column seo_title       varchar(200);
alter table article add column seo_description varchar(400);
alter table article add column noindex         boolean not null default false;
alter table article add constraint article_seo_title_not_blank check (seo_title is null or btrim(seo_title) <> '');
alter table article add constraint article_seo_description_not_blank
    check (seo_description is null or btrim(seo_description) <> '');

-- The sitemap reads public reviews through the view: it learns which are noindex.
create or replace view public_review as
select id, slug, title, genre_id, film_id, author_id, pull_quote, body, verdict, search_vector,
       publish_at, public_from, updated_at, noindex
  from article
 where public_from is not null;
