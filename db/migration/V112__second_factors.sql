-- Second factors for the newsroom (issue 19, point 1).

-- Passkeys: Spring Security's WebAuthn tables, as its JdbcPublicKeyCredentialUserEntityRepository
-- and JdbcUserCredentialRepository expect them (user-entities-schema.sql and
-- user-credentials-schema-postgres.sql of spring-security-web 7.0), kept in PostgreSQL so every
-- instance knows every passkey. A user entity's name is the account's user name.
create table user_entities
(
    id           varchar(1000) not null,
    name         varchar(100)  not null,
    display_name varchar(200),
    primary key (id),
    constraint user_entities_name_unique unique (name)
);

create table user_credentials
(
    credential_id                varchar(1000) not null,
    user_entity_user_id          varchar(1000) not null references user_entities (id) on delete cascade,
    public_key                   bytea         not null,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       not null,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       not null,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp,
    last_used                    timestamp,
    label                        varchar(1000) not null,
    primary key (credential_id)
);
create index user_credentials_user_idx on user_credentials (user_entity_user_id);

-- The authenticator app (RFC 6238 TOTP): one per account. Switched on (enabled_at) only once a
-- first code was right; last_step is the last time step accepted, so a code is never taken twice.
create table authenticator_app
(
    account_id bigint      primary key references app_user (id) on delete cascade,
    secret     bytea       not null check (octet_length(secret) >= 16),
    created_at timestamptz not null,
    enabled_at timestamptz,
    last_step  bigint      not null default -1
);

-- One-time recovery codes, hashed like passwords; a used one keeps its row (used_at) until new codes are made.
create table recovery_code
(
    id         bigserial    primary key,
    account_id bigint       not null references app_user (id) on delete cascade,
    code_hash  varchar(255) not null,
    created_at timestamptz  not null,
    used_at    timestamptz
);
create index recovery_code_account_idx on recovery_code (account_id) where used_at is null;

-- The roles whose accounts must sign in with two factors (set by an administrator).
create table second_factor_role
(
    role       varchar(16) primary key check (role in ('ADMIN', 'EDITOR', 'WRITER')),
    set_at     timestamptz not null
);
