-- A million audit entries over two years, for EXPLAIN ANALYZE of the audit page's queries
-- (bench/explain-audit.sh). Run on a scratch database that has V111 and V120 applied.
-- 40 people (a few write most entries, as in a newsroom), the site's kinds weighted so that
-- sign-ins and saves are common and deletions rare, a subject on most entries.
insert into audit_entry (at, account_id, actor, address, kind, subject_type, subject_id, subject_title, summary)
select now() - (random() * interval '729 days'),
       p.n,
       case when p.n = 0 then '(system)' else 'editor' || lpad(p.n::text, 2, '0') end,
       '203.0.113.' || (g % 250 + 1),
       k.kind,
       split_part(k.kind, '.', 1),
       (random() * 100000)::bigint,
       'Title of entry ' || g,
       'changed: title, body'
  from generate_series(1, 1000000) g
 cross join lateral (select floor(40 * power(random(), 2))::int + (g * 0)::int as n) p
 cross join lateral (
        select case when g % 200 = 0 then 'review.deleted'
                    else (array['sign_in.success', 'sign_in.success', 'sign_in.success', 'sign_in.sign_out',
                                'review.saved', 'review.saved', 'review.saved', 'review.saved', 'review.saved',
                                'review.created', 'review.submitted', 'review.scheduled', 'review.published',
                                'film.changed', 'film.created', 'author.changed', 'genre.changed', 'poll.changed',
                                'sign_in.failure', 'account.changed'])[1 + floor(random() * 20)::int + (g * 0)::int]
               end as kind) k;
analyze audit_entry;
