-- Who wrote and who last saved a review, and who saved each of its revisions, are accounts
-- (app_user ids) like everywhere else (V21), no longer sign-in names (V25). A name that no
-- account has becomes null: the record stays, without the name; so does a deleted account's.

alter table article
    add column created_by_account bigint references app_user (id) on delete set null,
    add column updated_by_account bigint references app_user (id) on delete set null;

update article a set created_by_account = u.id from app_user u where u.username = lower(trim(a.created_by));
update article a set updated_by_account = u.id from app_user u where u.username = lower(trim(a.updated_by));

alter table article drop column created_by, drop column updated_by;
alter table article rename column created_by_account to created_by;
alter table article rename column updated_by_account to updated_by;
alter table article rename constraint article_created_by_account_fkey to article_created_by_fkey;
alter table article rename constraint article_updated_by_account_fkey to article_updated_by_fkey;

alter table article_revision add column edited_by_account bigint references app_user (id) on delete set null;

update article_revision r set edited_by_account = u.id from app_user u where u.username = lower(trim(r.edited_by));

alter table article_revision drop column edited_by;
alter table article_revision rename column edited_by_account to edited_by;
alter table article_revision rename constraint article_revision_edited_by_account_fkey to article_revision_edited_by_fkey;
