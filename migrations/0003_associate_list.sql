-- The Users list at scale (issue 8). Every page used to join five tables, sort by a joined,
-- case-insensitive key and count every match: a full scan plus a temporary B-tree per page.
-- associate_list holds one row per employee with the values the list filters and sorts on,
-- kept in step by the triggers below (so every writer, the app, the CLI or an import, keeps it
-- right without knowing it exists), with one index per sort key: a page walks an index in order
-- and stops after it. Derived data only: it can always be rebuilt from the tables it mirrors.
-- associate_list_state.generation grows with every change to associate_list, so a count of
-- matching rows can be kept until the list changes.

CREATE TABLE associate_list (
  associate_id INTEGER PRIMARY KEY,
  user_id      TEXT NOT NULL,
  first_name   TEXT NOT NULL DEFAULT '',
  middle_name  TEXT NOT NULL DEFAULT '',
  last_name    TEXT NOT NULL DEFAULT '',
  -- '' when there is none: real names are never empty (CHECK on user_group, role, company), so
  -- '' sorts exactly where the NULL of the old outer joins did.
  group_name   TEXT NOT NULL DEFAULT '',
  role_name    TEXT NOT NULL DEFAULT '',
  -- The ids behind the names, so a page's rows are built from this table alone.
  primary_group_id INTEGER,
  role_id      INTEGER,
  -- NULL without a role, as in the old outer join (the login condition depends on it).
  role_type    TEXT,
  role_deleted INTEGER,
  company_id   INTEGER,
  company_name TEXT NOT NULL DEFAULT '',
  -- ",user,web," (module names in order) or '' for none: instr() finds a module.
  licences     TEXT NOT NULL DEFAULT '',
  can_log_in   INTEGER NOT NULL,
  retired      INTEGER NOT NULL
) STRICT;
-- A rowid table: each index ends in associate_id, the tie-breaker of every sort.
CREATE INDEX associate_list_user_id ON associate_list (user_id COLLATE NOCASE);
CREATE INDEX associate_list_first_name ON associate_list (first_name COLLATE NOCASE);
CREATE INDEX associate_list_last_name ON associate_list (last_name COLLATE NOCASE);
CREATE INDEX associate_list_group ON associate_list (group_name COLLATE NOCASE);
CREATE INDEX associate_list_role ON associate_list (role_name COLLATE NOCASE);
CREATE INDEX associate_list_company_name ON associate_list (company_name COLLATE NOCASE);
CREATE INDEX associate_list_licences ON associate_list (licences COLLATE NOCASE);
CREATE INDEX associate_list_company ON associate_list (company_id);

CREATE TABLE associate_list_state (
  associate_list_state_id INTEGER PRIMARY KEY CHECK (associate_list_state_id = 1),
  generation              INTEGER NOT NULL
) STRICT;
INSERT INTO associate_list_state (associate_list_state_id, generation) VALUES (1, 0);

-- How an associate's row is computed from the tables it mirrors, in one place: the fill below and
-- the triggers that recompute a whole row or the licences select from these views (SQLite
-- flattens them, so a trigger's lookup by associate_id stays a primary-key lookup). The licence
-- triggers keep '' for an associate already gone (a cascade), as the expression itself gives.
-- ",user,web," (module names in order) or '' for none.
CREATE VIEW associate_licence_list AS
SELECT a.associate_id,
       coalesce((SELECT ',' || group_concat(l.module_name, ',' ORDER BY l.module_name) || ','
                 FROM licence_assignment la JOIN licence l ON l.licence_id = la.licence_id WHERE la.associate_id = a.associate_id), '') AS licences
FROM associate a;

-- Employees only; the columns in associate_list's order, so `INSERT INTO associate_list SELECT *` fits.
CREATE VIEW associate_list_source AS
SELECT a.associate_id, a.user_id, coalesce(p.first_name, '') AS first_name, coalesce(p.middle_name, '') AS middle_name,
       coalesce(p.last_name, '') AS last_name, coalesce(g.name, '') AS group_name, coalesce(r.name, '') AS role_name,
       a.primary_group_id, ur.role_id, r.role_type, r.deleted AS role_deleted, p.company_id, coalesce(c.name, '') AS company_name,
       (SELECT ll.licences FROM associate_licence_list ll WHERE ll.associate_id = a.associate_id) AS licences,
       a.can_log_in, a.retired
FROM associate a
LEFT JOIN person p ON p.person_id = a.person_id
LEFT JOIN user_group g ON g.user_group_id = a.primary_group_id
LEFT JOIN user_role ur ON ur.associate_id = a.associate_id
LEFT JOIN role r ON r.role_id = ur.role_id
LEFT JOIN company c ON c.company_id = p.company_id
WHERE a.user_type = 'employee';

INSERT INTO associate_list SELECT * FROM associate_list_source;

-- ---- the generation ---------------------------------------------------------------------------
CREATE TRIGGER associate_list_generation_insert AFTER INSERT ON associate_list BEGIN
  UPDATE associate_list_state SET generation = generation + 1 WHERE associate_list_state_id = 1;
END;
CREATE TRIGGER associate_list_generation_update AFTER UPDATE ON associate_list BEGIN
  UPDATE associate_list_state SET generation = generation + 1 WHERE associate_list_state_id = 1;
END;
CREATE TRIGGER associate_list_generation_delete AFTER DELETE ON associate_list BEGIN
  UPDATE associate_list_state SET generation = generation + 1 WHERE associate_list_state_id = 1;
END;

-- ---- associate ----------------------------------------------------------------------------------
-- A new employee (or one whose type or person changes) gets its whole row recomputed.
CREATE TRIGGER associate_list_associate_insert AFTER INSERT ON associate WHEN new.user_type = 'employee' BEGIN
  INSERT OR REPLACE INTO associate_list SELECT * FROM associate_list_source WHERE associate_id = new.associate_id;
END;

CREATE TRIGGER associate_list_associate_retype AFTER UPDATE OF user_type, person_id, associate_id ON associate
WHEN old.user_type IS NOT new.user_type OR old.person_id IS NOT new.person_id OR old.associate_id IS NOT new.associate_id BEGIN
  DELETE FROM associate_list WHERE associate_id IN (old.associate_id, new.associate_id);
  INSERT INTO associate_list SELECT * FROM associate_list_source WHERE associate_id = new.associate_id;
END;

CREATE TRIGGER associate_list_associate_user_id AFTER UPDATE OF user_id ON associate WHEN old.user_id IS NOT new.user_id BEGIN
  UPDATE associate_list SET user_id = new.user_id WHERE associate_id = new.associate_id;
END;

CREATE TRIGGER associate_list_associate_group AFTER UPDATE OF primary_group_id ON associate
WHEN old.primary_group_id IS NOT new.primary_group_id BEGIN
  UPDATE associate_list SET primary_group_id = new.primary_group_id,
         group_name = coalesce((SELECT name FROM user_group WHERE user_group_id = new.primary_group_id), '')
  WHERE associate_id = new.associate_id;
END;

CREATE TRIGGER associate_list_associate_flags AFTER UPDATE OF can_log_in, retired ON associate
WHEN old.can_log_in IS NOT new.can_log_in OR old.retired IS NOT new.retired BEGIN
  UPDATE associate_list SET can_log_in = new.can_log_in, retired = new.retired WHERE associate_id = new.associate_id;
END;

CREATE TRIGGER associate_list_associate_delete AFTER DELETE ON associate BEGIN
  DELETE FROM associate_list WHERE associate_id = old.associate_id;
END;

-- ---- person -------------------------------------------------------------------------------------
-- (UPDATE … FROM rather than "WHERE associate_id IN (SELECT …)": the latter builds a temporary
-- index on every firing, which made a person update about five times dearer.)
CREATE TRIGGER associate_list_person_first AFTER UPDATE OF first_name ON person WHEN old.first_name IS NOT new.first_name BEGIN
  UPDATE associate_list SET first_name = new.first_name
  FROM associate a WHERE a.person_id = new.person_id AND associate_list.associate_id = a.associate_id;
END;
CREATE TRIGGER associate_list_person_middle AFTER UPDATE OF middle_name ON person WHEN old.middle_name IS NOT new.middle_name BEGIN
  UPDATE associate_list SET middle_name = new.middle_name
  FROM associate a WHERE a.person_id = new.person_id AND associate_list.associate_id = a.associate_id;
END;
CREATE TRIGGER associate_list_person_last AFTER UPDATE OF last_name ON person WHEN old.last_name IS NOT new.last_name BEGIN
  UPDATE associate_list SET last_name = new.last_name
  FROM associate a WHERE a.person_id = new.person_id AND associate_list.associate_id = a.associate_id;
END;
CREATE TRIGGER associate_list_person_company AFTER UPDATE OF company_id ON person WHEN old.company_id IS NOT new.company_id BEGIN
  UPDATE associate_list SET company_id = new.company_id,
         company_name = coalesce((SELECT name FROM company WHERE company_id = new.company_id), '')
  FROM associate a WHERE a.person_id = new.person_id AND associate_list.associate_id = a.associate_id;
END;

-- ---- names of groups, roles and companies -------------------------------------------------------
CREATE TRIGGER associate_list_group_name AFTER UPDATE OF name ON user_group WHEN old.name IS NOT new.name BEGIN
  UPDATE associate_list SET group_name = new.name
  FROM associate a WHERE a.primary_group_id = new.user_group_id AND associate_list.associate_id = a.associate_id;
END;
CREATE TRIGGER associate_list_role_change AFTER UPDATE OF name, role_type, deleted ON role
WHEN old.name IS NOT new.name OR old.role_type IS NOT new.role_type OR old.deleted IS NOT new.deleted BEGIN
  UPDATE associate_list SET role_name = new.name, role_type = new.role_type, role_deleted = new.deleted
  FROM user_role ur WHERE ur.role_id = new.role_id AND associate_list.associate_id = ur.associate_id;
END;
CREATE TRIGGER associate_list_company_name AFTER UPDATE OF name ON company WHEN old.name IS NOT new.name BEGIN
  UPDATE associate_list SET company_name = new.name WHERE company_id = new.company_id;
END;

-- ---- a user's role ------------------------------------------------------------------------------
CREATE TRIGGER associate_list_user_role_insert AFTER INSERT ON user_role BEGIN
  UPDATE associate_list SET role_id = new.role_id, role_name = coalesce((SELECT name FROM role WHERE role_id = new.role_id), ''),
         role_type = (SELECT role_type FROM role WHERE role_id = new.role_id),
         role_deleted = (SELECT deleted FROM role WHERE role_id = new.role_id)
  WHERE associate_id = new.associate_id;
END;
CREATE TRIGGER associate_list_user_role_update AFTER UPDATE ON user_role BEGIN
  UPDATE associate_list SET role_id = NULL, role_name = '', role_type = NULL, role_deleted = NULL WHERE associate_id = old.associate_id;
  UPDATE associate_list SET role_id = new.role_id, role_name = coalesce((SELECT name FROM role WHERE role_id = new.role_id), ''),
         role_type = (SELECT role_type FROM role WHERE role_id = new.role_id),
         role_deleted = (SELECT deleted FROM role WHERE role_id = new.role_id)
  WHERE associate_id = new.associate_id;
END;
CREATE TRIGGER associate_list_user_role_delete AFTER DELETE ON user_role BEGIN
  UPDATE associate_list SET role_id = NULL, role_name = '', role_type = NULL, role_deleted = NULL WHERE associate_id = old.associate_id;
END;

-- ---- licences -----------------------------------------------------------------------------------
CREATE TRIGGER associate_list_licence_insert AFTER INSERT ON licence_assignment BEGIN
  UPDATE associate_list SET licences = coalesce((SELECT ll.licences FROM associate_licence_list ll WHERE ll.associate_id = new.associate_id), '')
  WHERE associate_id = new.associate_id;
END;
CREATE TRIGGER associate_list_licence_delete AFTER DELETE ON licence_assignment BEGIN
  UPDATE associate_list SET licences = coalesce((SELECT ll.licences FROM associate_licence_list ll WHERE ll.associate_id = old.associate_id), '')
  WHERE associate_id = old.associate_id;
END;
CREATE TRIGGER associate_list_licence_update AFTER UPDATE ON licence_assignment BEGIN
  UPDATE associate_list SET licences = coalesce((SELECT ll.licences FROM associate_licence_list ll WHERE ll.associate_id = associate_list.associate_id), '')
  WHERE associate_id IN (old.associate_id, new.associate_id);
END;
CREATE TRIGGER associate_list_licence_module AFTER UPDATE OF module_name ON licence WHEN old.module_name IS NOT new.module_name BEGIN
  UPDATE associate_list SET licences = coalesce((SELECT ll.licences FROM associate_licence_list ll WHERE ll.associate_id = associate_list.associate_id), '')
  FROM licence_assignment m WHERE m.licence_id = new.licence_id AND associate_list.associate_id = m.associate_id;
END;

-- ---- user IDs Save must compare by hand -----------------------------------------------------------
-- User IDs are unique regardless of case, Unicode-aware (trimmed, NFC, lower case: judged in JS).
-- The NOCASE index answers that for plain printable ASCII; this small partial index holds the
-- rest (anything else, or spaces at either end), so Save reads those few instead of every ID.
CREATE INDEX associate_user_id_unusual ON associate (user_id) WHERE user_id GLOB '*[^ -~]*' OR user_id LIKE ' %' OR user_id LIKE '% ';
