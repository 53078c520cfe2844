-- Version 2 of the bundled data: a college's status (open, paused, closing,
-- closed) with what its source said, the page each fact was seen on, a
-- fourth enrolment ("residents"), and where the facts last came from (the
-- bundled data's compilation, or a staff member's change). SQLite cannot
-- change a CHECK constraint in place, so the table is rebuilt; nothing
-- refers to it by key.
CREATE TABLE colleges_v2 (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    host TEXT,
    locality TEXT NOT NULL,
    region TEXT NOT NULL,
    country TEXT NOT NULL CHECK (length(country) = 2),
    lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
    location_precision TEXT NOT NULL CHECK (location_precision IN ('city', 'region')),
    opened INTEGER,
    website TEXT,
    email TEXT,
    phone TEXT,
    enrolment TEXT CHECK (enrolment IN ('open_to_all', 'service_users_and_carers', 'staff_too', 'residents')),
    delivery TEXT CHECK (delivery IN ('in_person', 'online', 'both')),
    -- Comma-separated BCP 47 tags; empty when not known.
    languages TEXT NOT NULL DEFAULT '',
    learning_set_member INTEGER CHECK (learning_set_member IN (0, 1)),
    imroc_demonstration_site INTEGER NOT NULL DEFAULT 0 CHECK (imroc_demonstration_site IN (0, 1)),
    prospectus_url TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paused', 'closing', 'closed')),
    status_note TEXT,
    source TEXT NOT NULL,
    -- JSON object: field name -> address of the page its value was seen on.
    evidence TEXT NOT NULL DEFAULT '{}',
    -- The month (YYYY-MM) the bundled data that last set this entry was
    -- compiled; NULL for colleges staff added.
    data_compiled TEXT,
    -- The day (YYYY-MM-DD) a staff member last changed the entry.
    staff_changed_on TEXT,
    published INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
    -- Made up for benchmarks by `seed-synthetic`; never part of a real directory.
    synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

INSERT INTO colleges_v2 (id, slug, name, host, locality, region, country, lat, lon,
    location_precision, opened, website, email, phone, enrolment, delivery, languages,
    learning_set_member, imroc_demonstration_site, prospectus_url, source, staff_changed_on,
    published, synthetic, created_at, updated_at)
SELECT id, slug, name, host, locality, region, country, lat, lon,
    location_precision, opened, website, email, phone, enrolment, delivery, languages,
    learning_set_member, imroc_demonstration_site, prospectus_url, source,
    (SELECT strftime('%Y-%m-%d', MAX(changed_at), 'unixepoch') FROM college_changes h
     WHERE h.slug = colleges.slug AND h.account_id IS NOT NULL),
    published, synthetic, created_at, updated_at
FROM colleges;

DROP TABLE colleges;
ALTER TABLE colleges_v2 RENAME TO colleges;
CREATE INDEX colleges_country ON colleges (country);

-- Which versions of the bundled data this database has taken in. A start
-- with newer bundled data adds new colleges and updates fields that no
-- staff member has changed.
CREATE TABLE bundled_data (
    version INTEGER PRIMARY KEY,
    -- YYYY-MM; NULL for version 1, which did not say.
    compiled TEXT,
    applied_at INTEGER NOT NULL
);

-- A database seeded before this migration holds version 1.
INSERT INTO bundled_data (version, compiled, applied_at)
SELECT 1, NULL, CAST(strftime('%s', 'now') AS INTEGER)
WHERE EXISTS (SELECT 1 FROM colleges WHERE synthetic = 0);

-- A change made by the bundled data rather than a person.
ALTER TABLE college_changes ADD COLUMN data_version INTEGER;
