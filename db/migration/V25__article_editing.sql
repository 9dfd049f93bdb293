-- Editing reviews in the newsroom: who wrote and who last changed a review, and every
-- saved text kept as a revision an editor can compare and restore.
-- Editors are named by their sign-in name (no foreign key: accounts live in their own feature).

alter table article add column created_by varchar(100);
alter table article add column updated_by varchar(100);

create table article_revision (
    id              bigserial     primary key,
    article_id      bigint        not null references article (id) on delete cascade,
    number          integer       not null,
    edited_by       varchar(100)  not null,
    edited_at       timestamptz   not null,
    title           varchar(200)  not null,
    slug            varchar(120)  not null,
    pull_quote      text          not null,
    body            text          not null,
    verdict         text          not null,
    status          varchar(16)   not null,
    publish_at      timestamptz,
    -- "Decide for Yourself" as the editor saw it: one line per recommendation, "text<TAB>url".
    recommendations text          not null default '',
    constraint article_revision_number_unique unique (article_id, number),
    constraint article_revision_number_positive check (number > 0)
);
