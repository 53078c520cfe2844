-- Anonymous survey responses. Nothing here identifies a student: no name,
-- email, IP address, user agent or cookie, and only the day a response
-- arrived (a time of day could help pick someone out of a small class).
CREATE TABLE survey_responses (
    -- Made on the phone when the survey starts: a resend has the same id.
    id TEXT PRIMARY KEY,
    survey TEXT NOT NULL,
    version INTEGER NOT NULL,
    college TEXT NOT NULL,
    course TEXT,
    session_date TEXT,
    language TEXT NOT NULL,
    -- The answers as JSON, by question id.
    answers TEXT NOT NULL,
    -- The whole response as canonical JSON: a resend must match it exactly.
    body TEXT NOT NULL,
    received_on TEXT NOT NULL DEFAULT (date('now'))
);

CREATE INDEX survey_responses_by_college ON survey_responses (college, survey, session_date);
