-- The audit page filtered by person and kind together: with only (actor, …) and (kind, …), a
-- busy person and a common kind they seldom do made PostgreSQL read one of the two long lists
-- and drop most of it. This index answers the pair, newest first, in one range.
create index audit_entry_actor_kind_idx on audit_entry (actor, kind, at desc, id desc);
