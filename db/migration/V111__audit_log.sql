-- The newsroom's audit log (admin.AuditLog): one row per act, written in the act's own
-- transaction. Append-only: no update ever, and a row is deleted only once it is older than
-- the retention kept in audit_retention (the retention job's delete); the triggers below
-- refuse everything else, whatever the application does.
create table audit_entry (
    id            bigint generated always as identity primary key,
    at            timestamptz  not null,
    -- Who, as they were at the time (an account may be renamed later); no account for a
    -- refused sign-in, whose attempted user name is the actor.
    account_id    bigint,
    actor         varchar(100) not null,
    address       varchar(64),
    kind          varchar(40)  not null check (kind ~ '^[a-z]+(\.[a-z_]+)+$'),
    subject_type  varchar(20),
    subject_id    bigint,
    subject_title varchar(300),
    summary       varchar(2000) not null default ''
);
-- Keyset pages, newest first, over everything or filtered by person or kind.
create index audit_entry_at_idx on audit_entry (at desc, id desc);
create index audit_entry_actor_idx on audit_entry (actor, at desc, id desc);
create index audit_entry_kind_idx on audit_entry (kind, at desc, id desc);

create table audit_retention (
    only_row boolean primary key default true check (only_row),
    keep     interval not null check (keep >= interval '30 days')
);
insert into audit_retention (keep) values (interval '730 days');

create function audit_entry_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and old.at < now() - (select keep from audit_retention) then
        return old;
    end if;
    raise exception 'audit entries are append-only (% refused)', tg_op
        using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function audit_entry_append_only();

create function audit_entry_no_truncate() returns trigger language plpgsql as $$
begin
    raise exception 'audit entries are append-only (TRUNCATE refused)' using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_no_truncate();
