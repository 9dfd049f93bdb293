-- V111's check on audit_entry.kind ('^[a-z]+(\.[a-z_]+)+$') refused the sign-in kinds that
-- admin.AuditKind defines ('sign_in.second_factor', ...: an underscore in the first part). The
-- same rule with the underscore allowed in every part.
alter table audit_entry drop constraint if exists audit_entry_kind_check;
alter table audit_entry add constraint audit_entry_kind_check check (kind ~ '^[a-z_]+(\.[a-z_]+)+$');
