-- The card heading each listing page loads its poster eagerly (fetchpriority="high") and so was
-- rendered on every request, ~3% of a listing's CPU: it is stored beside the lazy one. Stored
-- cards are derived data: the rows stored before this column are dropped, and each card is
-- rendered and stored again when a page next shows it.
delete from review_card;
alter table review_card add column eager_html text not null check (length(eager_html) <= 20000);
