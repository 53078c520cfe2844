-- Every change to a college's entry: who, when, which fields, and the
-- entry as it was saved.
CREATE TABLE college_changes (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    changed_at INTEGER NOT NULL,
    -- Comma-separated field names; "created" for a new entry.
    fields TEXT NOT NULL,
    -- The entry after the change, as JSON.
    after TEXT NOT NULL
);
CREATE INDEX college_changes_by_slug ON college_changes (slug, changed_at);

-- Suggestions from the public: a change to a college, or a new one. The
-- email is optional; suggestions go after the enquiry retention period.
CREATE TABLE suggestions (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('change', 'new_college')),
    college TEXT,
    details TEXT NOT NULL,
    email TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved', 'declined')),
    received_at INTEGER NOT NULL,
    decided_by INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    decided_at INTEGER
);
CREATE INDEX suggestions_by_status ON suggestions (status, received_at);
