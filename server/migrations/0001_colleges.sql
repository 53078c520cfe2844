-- The directory of Recovery Colleges. NULL means "not known": much of what a
-- directory would like to hold is not in any public source yet, and staff
-- fill it in.
CREATE TABLE colleges (
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
    enrolment TEXT CHECK (enrolment IN ('open_to_all', 'service_users_and_carers', 'staff_too')),
    delivery TEXT CHECK (delivery IN ('in_person', 'online', 'both')),
    -- Comma-separated BCP 47 tags; empty when not known.
    languages TEXT NOT NULL DEFAULT '',
    learning_set_member INTEGER CHECK (learning_set_member IN (0, 1)),
    imroc_demonstration_site INTEGER NOT NULL DEFAULT 0 CHECK (imroc_demonstration_site IN (0, 1)),
    prospectus_url TEXT,
    source TEXT NOT NULL,
    published INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
    -- Made up for benchmarks by `seed-synthetic`; never part of a real directory.
    synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE INDEX colleges_country ON colleges (country);
