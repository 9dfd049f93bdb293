-- Each review's article as its page shows it (header, body, verdict; then recommendations, byline
-- and dateline: the poll between them is rendered per page), as rendered HTML, kept so that a
-- review page rendered from the database does not evaluate it again: it was the larger part of the
-- page's template work. As with review_card, a row is used only while its digest equals the digest
-- of what the article shows now and of its templates (article.ReviewHtml); anything else renders
-- it anew and stores it again.
create table review_html (
    article_id bigint primary key references article (id) on delete cascade,
    digest     varchar(64) not null,
    head_html  text        not null check (length(head_html) <= 1000000),
    foot_html  text        not null check (length(foot_html) <= 1000000)
);
