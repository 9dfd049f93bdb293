-- Who created and who last saved each film, author and genre (shown on the newsroom's forms).
-- An account that is later deleted leaves the record, without the name.

alter table film   add column created_by bigint references app_user (id) on delete set null,
                   add column updated_by bigint references app_user (id) on delete set null;
alter table author add column created_by bigint references app_user (id) on delete set null,
                   add column updated_by bigint references app_user (id) on delete set null;
alter table genre  add column created_by bigint references app_user (id) on delete set null,
                   add column updated_by bigint references app_user (id) on delete set null;
