-- Who may see a restricted incident besides admins.
CREATE TABLE incident_access (
    incident_id  INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    granted_by   TEXT    NOT NULL,
    granted_at   TEXT    NOT NULL,
    PRIMARY KEY (incident_id, account_id)
);
