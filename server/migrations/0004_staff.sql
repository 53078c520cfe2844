-- Staff accounts: the Recovery College team, and each college's own staff.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('team', 'college_staff')),
    -- argon2id, PHC string format.
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    disabled_at INTEGER
);

-- The colleges a college staff account belongs to (by slug).
CREATE TABLE account_colleges (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    college TEXT NOT NULL,
    PRIMARY KEY (account_id, college)
);

-- Server-side sessions. Only a hash of the id is kept, so a copy of the
-- database cannot be used to sign in.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);

-- The team's notes on an enquiry; they go when the enquiry does.
CREATE TABLE enquiry_notes (
    id INTEGER PRIMARY KEY,
    enquiry_id INTEGER NOT NULL REFERENCES enquiries (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- Comments approved as testimonials (only from students who agreed to be
-- quoted), shown on the college's page and the home page.
CREATE TABLE testimonials (
    response_id TEXT NOT NULL REFERENCES survey_responses (id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    college TEXT NOT NULL,
    approved_by INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    approved_at INTEGER NOT NULL,
    PRIMARY KEY (response_id, question)
);
CREATE INDEX testimonials_by_college ON testimonials (college, approved_at);
