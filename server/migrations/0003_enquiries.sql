-- Enquiries from organisations. They hold personal data (name, email,
-- organisation), kept only for the retention period (ENQUIRY_RETENTION_DAYS)
-- and exportable and erasable per person.
CREATE TABLE enquiries (
    id INTEGER PRIMARY KEY,
    -- ENQ-2026-00042: quoted to the person and in replies.
    reference TEXT NOT NULL UNIQUE,
    -- The form token's nonce: the same form sent twice is one enquiry.
    submission TEXT UNIQUE,
    -- A hash of the answers, to tell a resend from a different enquiry.
    content_hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    runs_colleges INTEGER,
    college_count INTEGER,
    stage TEXT,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    organisation TEXT NOT NULL,
    role TEXT NOT NULL,
    country TEXT NOT NULL,
    message TEXT NOT NULL,
    -- Suspected spam is kept apart (status 'spam', with the reason), not lost.
    status TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'in_progress', 'closed', 'spam')),
    spam_reason TEXT,
    -- Unix seconds.
    received_at INTEGER NOT NULL
);
CREATE INDEX enquiries_email ON enquiries (email COLLATE NOCASE);
CREATE INDEX enquiries_received ON enquiries (received_at);

-- The last reference number given in each year.
CREATE TABLE enquiry_numbers (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

-- Emails to the team about new enquiries, sent by a background task and
-- retried until they go; an enquiry never waits for its email.
CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY,
    enquiry_id INTEGER NOT NULL REFERENCES enquiries (id) ON DELETE CASCADE,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at INTEGER,
    last_error TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Server secrets made on first start (the form tokens' signing key).
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
