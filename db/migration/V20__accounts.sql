-- The people who sign in to the newsroom (/admin). Passwords are stored only as hashes
-- ({bcrypt}... from Spring Security's DelegatingPasswordEncoder), never as text.

create table app_user (
    id            bigserial    primary key,
    -- Lower-case, so "Admin" and "admin" are one account.
    username      varchar(40)  not null check (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
    password_hash varchar(255) not null,
    display_name  varchar(120) not null,
    role          varchar(16)  not null,
    enabled       boolean      not null default true,
    created_at    timestamptz  not null default now(),
    updated_at    timestamptz  not null default now(),
    version       bigint       not null default 0,
    constraint app_user_username_unique unique (username),
    constraint app_user_display_name_not_blank check (btrim(display_name) <> ''),
    constraint app_user_role_known check (role in ('ADMIN', 'EDITOR', 'WRITER'))
);
create index app_user_role_idx on app_user (role) where enabled;
