"""The study database's schema, as an ordered list of migrations.

``MIGRATIONS[i]`` turns a database at version ``i`` into version ``i + 1``;
``PRAGMA user_version`` stores the version reached. Each migration runs in one
transaction together with its version bump, so a crash leaves the database at
the old version or the new one. Migrations are never edited once released: a
change is a new script appended to the list.
"""

from __future__ import annotations

import sqlite3

from ..core.fileio import check_format_version
from .errors import StudyError

_V1 = """
CREATE TABLE patients (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    birth_year  INTEGER,
    sex         TEXT CHECK (sex IN ('F', 'M')),
    height_cm   REAL,
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);

CREATE TABLE recordings (
    id            INTEGER PRIMARY KEY,
    patient_id    INTEGER NOT NULL REFERENCES patients(id) ON DELETE RESTRICT,
    video_path    TEXT NOT NULL,
    copied        INTEGER NOT NULL CHECK (copied IN (0, 1)),
    original_name TEXT NOT NULL,
    sha256        TEXT NOT NULL UNIQUE,
    fps           REAL NOT NULL,
    frame_count   INTEGER NOT NULL,
    duration_s    REAL NOT NULL,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    size_bytes    INTEGER NOT NULL,
    protocol      TEXT NOT NULL,
    captured_at   TEXT,
    imported_at   TEXT NOT NULL,
    operator      TEXT,
    last_error    TEXT
);
CREATE INDEX recordings_patient ON recordings(patient_id);

CREATE TABLE pose_results (
    id                INTEGER PRIMARY KEY,
    recording_id      INTEGER NOT NULL UNIQUE REFERENCES recordings(id) ON DELETE CASCADE,
    skeleton_path     TEXT NOT NULL,
    tracks_path       TEXT NOT NULL,
    subject_track_id  INTEGER NOT NULL,
    candidates        TEXT NOT NULL,   -- JSON list of SubjectScore dicts
    pose_model        TEXT NOT NULL,
    pose_model_sha256 TEXT NOT NULL,
    device            TEXT NOT NULL,
    settings          TEXT NOT NULL DEFAULT '{}',
    stats             TEXT NOT NULL DEFAULT '{}',
    created_at        TEXT NOT NULL
);

-- Clips whose boundaries changed when the pose was redone are retired (not
-- deleted) while labels refer to them.
CREATE TABLE clips (
    id            INTEGER PRIMARY KEY,
    recording_id  INTEGER NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    start_s       REAL NOT NULL,
    end_s         REAL NOT NULL,
    retired_at    TEXT,
    CHECK (end_s > start_s)
);
CREATE UNIQUE INDEX clips_current ON clips(recording_id, idx) WHERE retired_at IS NULL;

CREATE TABLE annotations (
    id          INTEGER PRIMARY KEY,
    clip_id     INTEGER NOT NULL REFERENCES clips(id) ON DELETE RESTRICT,
    rater       TEXT NOT NULL CHECK (length(rater) > 0),
    label       TEXT NOT NULL CHECK (label IN ('stable', 'unstable', 'unusable')),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (clip_id, rater)
);
CREATE INDEX annotations_rater ON annotations(rater);

CREATE TABLE models (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    version       TEXT NOT NULL,
    sha256        TEXT NOT NULL UNIQUE,
    path          TEXT NOT NULL,
    synthetic     INTEGER,          -- NULL: training data unknown
    active        INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
    registered_at TEXT NOT NULL,
    card          TEXT NOT NULL     -- the model card as JSON
);
CREATE UNIQUE INDEX models_one_active ON models(active) WHERE active = 1;

CREATE TABLE analyses (
    id               INTEGER PRIMARY KEY,
    recording_id     INTEGER NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
    model_id         INTEGER NOT NULL REFERENCES models(id) ON DELETE RESTRICT,
    report_path      TEXT NOT NULL,
    instability_rate REAL,
    risk_group       TEXT NOT NULL,
    windows          INTEGER NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX analyses_recording ON analyses(recording_id);

CREATE TABLE predictions (
    id           INTEGER PRIMARY KEY,
    analysis_id  INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('window', 'clip')),
    idx          INTEGER NOT NULL,
    start_s      REAL NOT NULL,
    end_s        REAL NOT NULL,
    p_unstable   REAL,
    unstable     INTEGER,
    label        TEXT,
    UNIQUE (analysis_id, kind, idx)
);

CREATE TABLE reports (
    id            INTEGER PRIMARY KEY,
    analysis_id   INTEGER NOT NULL REFERENCES analyses(id) ON DELETE RESTRICT,
    recording_id  INTEGER NOT NULL REFERENCES recordings(id) ON DELETE RESTRICT,
    pdf_path      TEXT NOT NULL,
    pdf_sha256    TEXT NOT NULL,
    video_sha256  TEXT NOT NULL,
    model_sha256  TEXT NOT NULL,
    operator      TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT '',
    conclusion    TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
);
CREATE INDEX reports_recording ON reports(recording_id);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    user       TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  INTEGER,
    before     TEXT,   -- JSON
    after      TEXT    -- JSON
);
"""

# Version 2: visits with their manual measurements, camera setups (floor calibrations)
# that recordings reference, and the stored results of chair-stand and balance analyses
# (no classifier model: they do not fit ``analyses``).
_V2 = """
CREATE TABLE setups (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) > 0),
    calibration         TEXT NOT NULL,   -- the floor calibration as JSON (its file format)
    calibration_sha256  TEXT NOT NULL,
    frame_recording_id  INTEGER REFERENCES recordings(id) ON DELETE SET NULL,
    frame_index         INTEGER,
    frame_width         INTEGER,
    frame_height        INTEGER,
    created_by          TEXT NOT NULL,
    created_at          TEXT NOT NULL
);

CREATE TABLE visits (
    id          INTEGER PRIMARY KEY,
    patient_id  INTEGER NOT NULL REFERENCES patients(id) ON DELETE RESTRICT,
    date        TEXT NOT NULL,   -- YYYY-MM-DD
    time        TEXT,            -- HH:MM
    operator    TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
CREATE INDEX visits_patient ON visits(patient_id, date);

CREATE TABLE visit_measurements (
    id          INTEGER PRIMARY KEY,
    visit_id    INTEGER NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('handgrip', 'calf_circumference_cm', 'sarc_f', 'asm',
                                              'height_cm', 'chair_stand_s', 'sppb_score')),
    value       TEXT NOT NULL,   -- JSON, in the visit file's form (core/assessment/visit.py)
    entered_by  TEXT NOT NULL,
    entered_at  TEXT NOT NULL,
    UNIQUE (visit_id, kind)
);

ALTER TABLE recordings ADD COLUMN visit_id INTEGER REFERENCES visits(id) ON DELETE SET NULL;
ALTER TABLE recordings ADD COLUMN setup_id INTEGER REFERENCES setups(id) ON DELETE RESTRICT;
CREATE INDEX recordings_visit ON recordings(visit_id);

CREATE TABLE performance_analyses (
    id            INTEGER PRIMARY KEY,
    recording_id  INTEGER NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
    test          TEXT NOT NULL CHECK (test IN ('chair-stand', 'balance')),
    report        TEXT NOT NULL,   -- the analysis report JSON (core/performance.py)
    created_at    TEXT NOT NULL
);
CREATE INDEX performance_recording ON performance_analyses(recording_id);
"""

#: A rater's free-text comment on a clip (one per rater and clip, kept apart from the label so a
#: comment can be written before the label and survives a label change or clear), and the walkway
#: length of a recording, entered in the Analysis view to give the walking speed.
_V3_CLIP_COMMENTS = """
CREATE TABLE clip_comments (
    id          INTEGER PRIMARY KEY,
    clip_id     INTEGER NOT NULL REFERENCES clips(id) ON DELETE RESTRICT,
    rater       TEXT NOT NULL CHECK (length(rater) > 0),
    text        TEXT NOT NULL CHECK (length(text) > 0),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (clip_id, rater)
);
CREATE INDEX clip_comments_rater ON clip_comments(rater);

ALTER TABLE recordings ADD COLUMN walkway_m REAL CHECK (walkway_m IS NULL OR walkway_m > 0);
"""

#: Ordered migrations; the schema version is the number applied.
MIGRATIONS: list[str] = [_V1, _V2, _V3_CLIP_COMMENTS]
LATEST = len(MIGRATIONS)

TABLES = ("patients", "recordings", "pose_results", "clips", "annotations", "models", "analyses",
          "predictions", "reports", "audit_log", "setups", "visits", "visit_measurements",
          "performance_analyses", "clip_comments")


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_version(version: int, where: str) -> None:
    """StudyError when the database was made by a newer GaitScreen."""
    check_format_version(version, LATEST, subject=f"The study {where}", kind="database", error=StudyError,
                         oldest=0)


def migrate(conn: sqlite3.Connection, where: str) -> int:
    """Bring the database up to :data:`LATEST`; returns the version it had.

    ``conn`` must be in autocommit mode (``isolation_level=None``).
    """
    start = schema_version(conn)
    check_version(start, where)
    for version in range(start + 1, LATEST + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = schema_version(conn)  # another connection may have migrated meanwhile
            if current >= version:
                conn.execute("COMMIT")
                continue
            for statement in _statements(MIGRATIONS[version - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version:d}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return start


def _statements(script: str) -> list[str]:
    """Split a migration script into complete statements (``executescript`` would
    commit on its own, outside our transaction)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        raise ValueError(f"incomplete SQL statement in migration: {buf.strip()[:60]}")
    return out
