-- A password the team chose is changed by its owner at their next
-- sign-in; when each account last signed in, for the accounts page.
ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN last_sign_in_at INTEGER; -- Unix seconds
