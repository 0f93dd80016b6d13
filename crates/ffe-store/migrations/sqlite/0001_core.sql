-- The platform core: organisations, accounts, sessions, login throttling, batches, applications,
-- expert assignments and the append-only audit log. Timestamps are Unix seconds (UTC).

CREATE TABLE organizations (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT    NOT NULL CHECK (kind IN ('province', 'city', 'enterprise')),
    name            TEXT    NOT NULL,
    city_code       TEXT,
    county_code     TEXT,
    credit_code     TEXT    UNIQUE,
    industry_code   TEXT,
    production_mode TEXT    CHECK (production_mode IN ('discrete', 'process')),
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    review_note     TEXT,
    reviewed_by     INTEGER,
    reviewed_at     INTEGER,
    created_at      INTEGER NOT NULL
);
CREATE INDEX organizations_city ON organizations (city_code, status);

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    username            TEXT    NOT NULL UNIQUE,
    display_name        TEXT    NOT NULL,
    password_hash       TEXT    NOT NULL,
    role                TEXT    NOT NULL CHECK (role IN ('province_admin', 'city_admin', 'expert',
                                                          'enterprise_admin', 'enterprise_member')),
    org_id              INTEGER REFERENCES organizations (id),
    active              BOOLEAN NOT NULL DEFAULT TRUE,
    created_at          INTEGER NOT NULL,
    password_changed_at INTEGER NOT NULL
);
CREATE INDEX users_org ON users (org_id);

CREATE TABLE login_throttle (
    key              TEXT    PRIMARY KEY,
    failures         INTEGER NOT NULL,
    first_failure_at INTEGER NOT NULL,
    locked_until     INTEGER
);

-- Session ids are stored as their SHA-256, so a copy of this table opens no session.
CREATE TABLE sessions (
    id_hash    TEXT    PRIMARY KEY,
    data       TEXT    NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE batches (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    name           TEXT    NOT NULL,
    year           INTEGER NOT NULL,
    index_edition  TEXT    NOT NULL,
    scheme_edition TEXT    NOT NULL,
    opens_on       TEXT    NOT NULL,
    closes_on      TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    created_by     INTEGER NOT NULL REFERENCES users (id),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);

-- Statuses grow with later workflow steps, so they are not pinned by a CHECK here.
CREATE TABLE applications (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id     INTEGER NOT NULL REFERENCES batches (id),
    org_id       INTEGER NOT NULL REFERENCES organizations (id),
    status       TEXT    NOT NULL,
    answers      TEXT    NOT NULL DEFAULT '{}',
    version      INTEGER NOT NULL DEFAULT 1,
    created_by   INTEGER NOT NULL REFERENCES users (id),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    submitted_at INTEGER,
    UNIQUE (batch_id, org_id)
);
CREATE INDEX applications_org ON applications (org_id);

CREATE TABLE assignments (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    expert_id      INTEGER NOT NULL REFERENCES users (id),
    assigned_at    INTEGER NOT NULL,
    UNIQUE (application_id, expert_id)
);
CREATE INDEX assignments_expert ON assignments (expert_id);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    actor_id    INTEGER,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    object_kind TEXT    NOT NULL,
    object_id   TEXT    NOT NULL,
    detail      TEXT    NOT NULL,
    request_id  TEXT    NOT NULL,
    ip          TEXT    NOT NULL,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL UNIQUE
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- One row once the demo data is in: several processes starting with --demo seed it once.
CREATE TABLE demo_seed (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    seeded_at INTEGER NOT NULL
);
