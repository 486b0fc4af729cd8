-- The site data model (SPEC Part B §7) in our own snake_case names with text enums (SPEC D1).
-- Append-only: never edit this file after release; add 0002_... instead.

-- Key/value facts about the site itself (site id, created at, audit chain head, ...).
CREATE TABLE site_meta (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) STRICT;

-- CRM companies ("contact" in the reference). Persons belong to one; some are "our companies".
CREATE TABLE company (
  company_id  INTEGER PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  department  TEXT NOT NULL DEFAULT '',
  city        TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX company_name ON company (name COLLATE NOCASE);

-- The licensee and database owner (the reference's single `company` row).
CREATE TABLE site_identity (
  site_identity_id    INTEGER PRIMARY KEY CHECK (site_identity_id = 1),
  serial_number       TEXT NOT NULL DEFAULT '',
  licensee_name       TEXT NOT NULL DEFAULT '',
  owner_company_id    INTEGER REFERENCES company (company_id),
  database_company_id INTEGER REFERENCES company (company_id)
) STRICT;

-- "Our companies": only persons at these companies can become users (OwnerContactLink).
CREATE TABLE our_company (
  company_id INTEGER PRIMARY KEY REFERENCES company (company_id) ON DELETE RESTRICT,
  remark     TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE person (
  person_id   INTEGER PRIMARY KEY,
  company_id  INTEGER NOT NULL REFERENCES company (company_id) ON DELETE RESTRICT,
  first_name  TEXT NOT NULL DEFAULT '',
  middle_name TEXT NOT NULL DEFAULT '',
  last_name   TEXT NOT NULL DEFAULT '',
  title       TEXT NOT NULL DEFAULT '',
  email       TEXT NOT NULL DEFAULT '',
  phone       TEXT NOT NULL DEFAULT '',
  retired     INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX person_company ON person (company_id);
CREATE INDEX person_last_first ON person (last_name COLLATE NOCASE, first_name COLLATE NOCASE);

-- User groups (Lists → User group). Names unique regardless of case.
CREATE TABLE user_group (
  user_group_id INTEGER PRIMARY KEY,
  name          TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
  tooltip       TEXT NOT NULL DEFAULT '',
  rank          INTEGER NOT NULL DEFAULT 0 CHECK (rank >= 0),
  deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  group_type    TEXT NOT NULL DEFAULT 'department' CHECK (group_type IN ('department')),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX user_group_name ON user_group (name COLLATE NOCASE);
CREATE INDEX user_group_rank ON user_group (rank, name);

-- Users of every type (SPEC §4). Employees have a person and a primary group; other types do not.
CREATE TABLE associate (
  associate_id     INTEGER PRIMARY KEY,
  user_id          TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(user_id)) > 0),
  user_type        TEXT NOT NULL CHECK (user_type IN ('employee', 'resource', 'external', 'anonymous', 'system')),
  person_id        INTEGER REFERENCES person (person_id) ON DELETE RESTRICT,
  primary_group_id INTEGER REFERENCES user_group (user_group_id) ON DELETE RESTRICT,
  description      TEXT NOT NULL DEFAULT '',
  can_log_in       INTEGER NOT NULL DEFAULT 1 CHECK (can_log_in IN (0, 1)),
  retired          INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  rank             INTEGER NOT NULL DEFAULT 0,
  last_login_at    TEXT,
  last_logout_at   TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  CHECK (user_type <> 'employee' OR (person_id IS NOT NULL AND primary_group_id IS NOT NULL)),
  CHECK (user_type NOT IN ('anonymous', 'system') OR primary_group_id IS NULL)
) STRICT;
CREATE UNIQUE INDEX associate_user_id ON associate (user_id COLLATE NOCASE);
CREATE INDEX associate_person ON associate (person_id);
CREATE INDEX associate_primary_group ON associate (primary_group_id);
CREATE INDEX associate_type_retired ON associate (user_type, retired);

-- Secondary ("other") group memberships.
CREATE TABLE user_group_link (
  associate_id  INTEGER NOT NULL REFERENCES associate (associate_id) ON DELETE CASCADE,
  user_group_id INTEGER NOT NULL REFERENCES user_group (user_group_id) ON DELETE RESTRICT,
  PRIMARY KEY (associate_id, user_group_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX user_group_link_group ON user_group_link (user_group_id);

-- Snapshot of a deleted associate (AssociateHistory): deliberately without foreign keys.
CREATE TABLE associate_history (
  associate_history_id INTEGER PRIMARY KEY,
  associate_id         INTEGER NOT NULL,
  user_id              TEXT NOT NULL,
  first_name           TEXT NOT NULL DEFAULT '',
  middle_name          TEXT NOT NULL DEFAULT '',
  last_name            TEXT NOT NULL DEFAULT '',
  user_type            TEXT NOT NULL,
  primary_group_id     INTEGER,
  person_id            INTEGER,
  company_id           INTEGER,
  deleted_at           TEXT NOT NULL
) STRICT;

-- Roles. Soft-deleted; names unique per role type among live roles, regardless of case.
CREATE TABLE role (
  role_id     INTEGER PRIMARY KEY,
  name        TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
  description TEXT NOT NULL DEFAULT '',
  rank        INTEGER NOT NULL DEFAULT 0,
  role_type   TEXT NOT NULL CHECK (role_type IN ('employee', 'external', 'anonymous', 'system')),
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX role_live_name ON role (role_type, name COLLATE NOCASE) WHERE deleted = 0;

-- Data rights matrix: role x data object x ownership column -> cumulative level.
CREATE TABLE data_right (
  role_id     INTEGER NOT NULL REFERENCES role (role_id) ON DELETE CASCADE,
  data_object TEXT NOT NULL CHECK (data_object IN ('company', 'contact', 'project', 'project_member', 'selection',
                'sale', 'follow_up', 'document', 'relation', 'stakeholder', 'dashboard')),
  owner_relation TEXT NOT NULL CHECK (owner_relation IN ('own', 'primary_group', 'other_groups', 'other_associates',
                'external', 'anonymous', 'my_company', 'same_project')),
  level       TEXT NOT NULL CHECK (level IN ('none', 'read', 'create', 'update', 'delete')),
  PRIMARY KEY (role_id, data_object, owner_relation)
) STRICT, WITHOUT ROWID;

-- Functional rights catalogue (internal id such as admin-all) and the roles that hold them.
CREATE TABLE functional_right (
  functional_right_id TEXT PRIMARY KEY NOT NULL,
  display_name        TEXT NOT NULL,
  description         TEXT NOT NULL DEFAULT '',
  required_licence    TEXT,
  applies_to          TEXT NOT NULL DEFAULT 'employee' CHECK (applies_to IN ('employee', 'external')),
  built_in            INTEGER NOT NULL DEFAULT 1 CHECK (built_in IN (0, 1))
) STRICT;

CREATE TABLE role_functional_right (
  role_id             INTEGER NOT NULL REFERENCES role (role_id) ON DELETE CASCADE,
  functional_right_id TEXT NOT NULL REFERENCES functional_right (functional_right_id) ON DELETE CASCADE,
  PRIMARY KEY (role_id, functional_right_id)
) STRICT, WITHOUT ROWID;

-- One role per user.
CREATE TABLE user_role (
  associate_id INTEGER PRIMARY KEY REFERENCES associate (associate_id) ON DELETE CASCADE,
  role_id      INTEGER NOT NULL REFERENCES role (role_id) ON DELETE RESTRICT
) STRICT;
CREATE INDEX user_role_role ON user_role (role_id);

-- Licence owners (one tab each): the vendor and partners, with the activated signed file verbatim.
CREATE TABLE licence_owner (
  licence_owner_id  INTEGER PRIMARY KEY,
  owner_name        TEXT NOT NULL UNIQUE CHECK (owner_name = upper(owner_name) AND length(owner_name) > 0),
  description       TEXT NOT NULL DEFAULT '',
  shop_url          TEXT NOT NULL DEFAULT '',
  licensee_name     TEXT NOT NULL DEFAULT '',
  serial_number     TEXT NOT NULL DEFAULT '',
  expires_on        TEXT,
  grace_until       TEXT,
  maintenance_until TEXT,
  admin_warning_on  TEXT,
  is_demo           INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  licence_file      TEXT NOT NULL,
  activated_at      TEXT NOT NULL,
  activated_by      TEXT NOT NULL DEFAULT '',
  sort_order        INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE licence (
  licence_id          INTEGER PRIMARY KEY,
  licence_owner_id    INTEGER NOT NULL REFERENCES licence_owner (licence_owner_id) ON DELETE CASCADE,
  module_name         TEXT NOT NULL,
  display_name        TEXT NOT NULL,
  tooltip             TEXT NOT NULL DEFAULT '',
  kind                TEXT NOT NULL CHECK (kind IN ('system', 'site', 'user')),
  total               INTEGER NOT NULL CHECK (total >= 0),
  unrestricted        INTEGER NOT NULL DEFAULT 0 CHECK (unrestricted IN (0, 1)),
  prerequisite_module TEXT,
  allowed_user_types  TEXT NOT NULL DEFAULT 'employee',
  hidden              INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
  sort_order          INTEGER NOT NULL DEFAULT 0,
  UNIQUE (licence_owner_id, module_name)
) STRICT;
CREATE INDEX licence_kind ON licence (kind, module_name);

-- One row per user licence assigned to an associate.
CREATE TABLE licence_assignment (
  licence_id   INTEGER NOT NULL REFERENCES licence (licence_id) ON DELETE CASCADE,
  associate_id INTEGER NOT NULL REFERENCES associate (associate_id) ON DELETE CASCADE,
  assigned_at  TEXT NOT NULL,
  PRIMARY KEY (licence_id, associate_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX licence_assignment_associate ON licence_assignment (associate_id);

-- Sign-in secrets: slow salted hashes only (SPEC D8), plus failed-attempt bookkeeping.
CREATE TABLE credential (
  associate_id    INTEGER PRIMARY KEY REFERENCES associate (associate_id) ON DELETE CASCADE,
  credential_type TEXT NOT NULL DEFAULT 'password' CHECK (credential_type IN ('password')),
  secret_hash     TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until    TEXT,
  updated_at      TEXT NOT NULL
) STRICT;

-- The pending change set of each screen (SPEC D2): staged edits in order; undone steps wait for redo.
CREATE TABLE pending_change (
  screen     TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  change     TEXT NOT NULL,
  undone     INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
  staged_at  TEXT NOT NULL,
  PRIMARY KEY (screen, seq)
) STRICT;

-- Audit log (SPEC D9): one row per event, chained by hash so edits are detectable.
CREATE TABLE audit_entry (
  audit_entry_id INTEGER PRIMARY KEY,
  occurred_at    TEXT NOT NULL,
  actor          TEXT NOT NULL,
  screen         TEXT NOT NULL,
  action         TEXT NOT NULL,
  summary        TEXT NOT NULL,
  changes        TEXT NOT NULL,
  prev_hash      TEXT NOT NULL,
  row_hash       TEXT NOT NULL
) STRICT;
CREATE INDEX audit_entry_time ON audit_entry (occurred_at);
