-- Each review's card (the home, genre, author and film listings, a review page's "read next")
-- as rendered HTML, kept so that a listing shows its cards without rendering them: Thymeleaf's
-- evaluation of twenty cards was a third of a listing page's CPU. A row is used only while its
-- digest equals the digest of what the card shows now, with the card template's own hash
-- (article.CardHtml): a renamed genre, a new poster or an edited template makes it stale, and
-- the next reader's page renders that card and stores it again.
create table review_card (
    article_id bigint primary key references article (id) on delete cascade,
    digest     varchar(64) not null,
    html       text        not null check (length(html) <= 20000)
);
