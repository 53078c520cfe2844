-- Evidence across the network (issue 31).
--
-- Whether a college shares its survey results: `private` (the default:
-- nothing leaves the college), `network` (pooled into the network view
-- other sharing colleges and the team read) or `public` (also its headline
-- figures on its public page and in the open data). Changed like any other
-- field of the entry, so the history records who chose it and when.
ALTER TABLE colleges ADD COLUMN sharing TEXT NOT NULL DEFAULT 'private'
    CHECK (sharing IN ('private', 'network', 'public'));

-- Responses made up by `seed-synthetic-responses` for demonstrations and
-- benchmarks, never real students'.
ALTER TABLE survey_responses ADD COLUMN synthetic INTEGER NOT NULL DEFAULT 0;

-- Totals kept as responses arrive (in the same transaction), so figures
-- over many colleges and months are read without reading every response.
-- A cell is one survey at one college, one course ('' for none) and one
-- month of arrival (`YYYY-MM`), as in the results' rules.
--
-- How many responses each cell has: small, read whole for a period.
CREATE TABLE response_cells (
    survey TEXT NOT NULL,
    month TEXT NOT NULL,
    college TEXT NOT NULL,
    course TEXT NOT NULL,
    responses INTEGER NOT NULL,
    PRIMARY KEY (survey, month, college, course)
) WITHOUT ROWID;

-- Each cell's count per question and answer (`option` '' is how many
-- answered a question that takes several choices); free text is not
-- counted here.
CREATE TABLE response_totals (
    college TEXT NOT NULL,
    survey TEXT NOT NULL,
    month TEXT NOT NULL,
    course TEXT NOT NULL,
    question TEXT NOT NULL,
    option TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (college, survey, month, course, question, option)
) WITHOUT ROWID;

-- One college's cells, for its own page's figures.
CREATE INDEX response_cells_by_college ON response_cells (college, survey, month);
