-- Where a user signs in: 'local' (a password kept here, bcrypt), 'ldap' (Active Directory / LDAP) or
-- 'oidc' (an OpenID Connect provider). A directory user has no password here: a local password never
-- signs a directory user in, and the directory never signs a local user in.
ALTER TABLE app_user ADD COLUMN source VARCHAR(10) NOT NULL DEFAULT 'local';
ALTER TABLE app_user ALTER COLUMN password_hash DROP NOT NULL;
