-- Who on the team looks after an enquiry (the inbox's "my open" and
-- "unassigned" views).
ALTER TABLE enquiries ADD COLUMN assignee_id INTEGER REFERENCES accounts (id);
CREATE INDEX enquiries_assignee ON enquiries (assignee_id);

-- A thread entry is a note for the team or a reply to the person.
ALTER TABLE enquiry_notes ADD COLUMN kind TEXT NOT NULL DEFAULT 'note'
    CHECK (kind IN ('note', 'reply'));

-- The outbox also carries replies to the person who wrote: a row with a
-- note is that reply, to them; one without is the team's email about a
-- new enquiry.
ALTER TABLE mail_outbox ADD COLUMN note_id INTEGER REFERENCES enquiry_notes (id) ON DELETE CASCADE;
