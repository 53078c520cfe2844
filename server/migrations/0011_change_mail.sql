-- Emails to the team about changes colleges' own staff made to their
-- entries, when the team asked for them (the setting
-- `mail_college_edits`): written with the change, sent and retried by the
-- same task as enquiries' emails.
CREATE TABLE change_mail (
    id INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL REFERENCES college_changes (id) ON DELETE CASCADE,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at INTEGER,
    last_error TEXT
);
CREATE INDEX change_mail_due ON change_mail (next_attempt_at) WHERE sent_at IS NULL;
