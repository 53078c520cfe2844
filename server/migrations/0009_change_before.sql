-- The entry as it was before each staff change (College JSON), so the
-- history shows old and new values and can restore an old one. NULL for
-- older rows and for changes made by the bundled data: the previous row's
-- `after` stands in.
ALTER TABLE college_changes ADD COLUMN before TEXT;
