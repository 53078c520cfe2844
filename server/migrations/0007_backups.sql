-- When each backup was taken (by `recovery-colleges-server backup`), so
-- that /metrics can say how old the newest one is. Owned by db.rs.
CREATE TABLE backups (
    taken_at INTEGER NOT NULL -- Unix seconds
);
