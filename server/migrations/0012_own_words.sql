-- What a college says about itself and how to join a course, in its own
-- words (its staff write them), and whether its status note is its own
-- (written by its staff) rather than quoted from a source.
ALTER TABLE colleges ADD COLUMN about TEXT;
ALTER TABLE colleges ADD COLUMN how_to_enrol TEXT;
ALTER TABLE colleges ADD COLUMN status_note_by_college INTEGER NOT NULL DEFAULT 0;
