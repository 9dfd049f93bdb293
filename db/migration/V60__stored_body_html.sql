-- A review's body as readers get it: the editor's Markdown rendered and sanitised once, when the
-- review is saved (article.BodyHtml), instead of on every page view. body_html_version names the
-- renderer that made it (article.Markdown.VERSION); rows made by an older renderer, and the rows
-- that exist before this migration, are rendered again in the background at startup
-- (article.BodyHtmlBackfill), and shown rendered on the fly until then.
alter table article add column body_html text;
alter table article add column body_html_version integer not null default 0;
create index article_body_html_stale on article (id) where body_html_version = 0;
