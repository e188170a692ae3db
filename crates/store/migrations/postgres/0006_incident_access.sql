-- Who may see a restricted incident besides admins.
CREATE TABLE incident_access (
    incident_id  BIGINT      NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    account_id   BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    granted_by   TEXT        NOT NULL,
    granted_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (incident_id, account_id)
);
