-- The reference's 12 predefined roles (SPEC Part B §5.2), their data-rights matrices (§5.3) and the
-- functional-rights catalogue (§5.4). docs/roles.md shows the result as tables; a unit test keeps
-- the two in step. Role ids are fixed: the rules protect User level 0 (1) and the System user (12)
-- by id, because admins may rename roles. Timestamps are fixed so every new site is identical.

INSERT INTO role (role_id, name, description, rank, role_type, created_at, updated_at) VALUES
  (1,  'User level 0',       'Administrator: all data, and may maintain the whole system.',                        0, 'employee',  '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  (2,  'User level 1',       'Superuser: all data, but no system maintenance.',                                      1, 'employee',  '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  (3,  'User level 2',       'Full access to data in own group, limited access beyond it.',                          2, 'employee',  '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  (4,  'User level 3',       'Full access to own data, read own group, limited access beyond it.',                   3, 'employee',  '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  (5,  'User level 4',       'Full access to own data, limited access in own group and beyond.',                     4, 'employee',  '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  (6,  'User level 5',       'Reads most data, limited access to others'' data, can create activities.',             5, 'employee',  '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  (7,  'List administrator', 'All data, and may edit lists in Settings and maintenance.',                            6, 'employee',  '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  (8,  'User administrator', 'All data, and may create and edit users in Settings and maintenance.',                 7, 'employee',  '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  (9,  'Local user',         'Full access to own data; no access to data of users at our other companies.',          8, 'employee',  '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  (10, 'External user',      'Limited access to own company and shared projects; sees published data only.',         0, 'external',  '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  (11, 'Anonymous user',     'Unauthenticated web visitors: may submit records, sees nothing else.',                 0, 'anonymous', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  (12, 'System user',        'Integrations and background services: all rights, security bypassed. Not editable.',  0, 'system',    '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');

-- Data rights. Each role gets one level per ownership column of its type for "shared" records
-- (company, contact, project, project member, selection, relation, stakeholder) and one for
-- "private" work (sale, follow-up, document, dashboard); "limited" in the reference's wording is
-- read on shared records and none on private ones. A few cells are then adjusted below.
WITH
  data_object (name, kind) AS (VALUES
    ('company', 'shared'), ('contact', 'shared'), ('project', 'shared'), ('project_member', 'shared'),
    ('selection', 'shared'), ('sale', 'private'), ('follow_up', 'private'), ('document', 'private'),
    ('relation', 'shared'), ('stakeholder', 'shared'), ('dashboard', 'private')),
  plan (role_id, owner_relation, shared_level, private_level) AS (VALUES
    -- User level 0, User level 1, List administrator, User administrator, System user: everything.
    (1, 'own', 'delete', 'delete'), (1, 'primary_group', 'delete', 'delete'), (1, 'other_groups', 'delete', 'delete'),
    (1, 'other_associates', 'delete', 'delete'), (1, 'external', 'delete', 'delete'), (1, 'anonymous', 'delete', 'delete'),
    (2, 'own', 'delete', 'delete'), (2, 'primary_group', 'delete', 'delete'), (2, 'other_groups', 'delete', 'delete'),
    (2, 'other_associates', 'delete', 'delete'), (2, 'external', 'delete', 'delete'), (2, 'anonymous', 'delete', 'delete'),
    (7, 'own', 'delete', 'delete'), (7, 'primary_group', 'delete', 'delete'), (7, 'other_groups', 'delete', 'delete'),
    (7, 'other_associates', 'delete', 'delete'), (7, 'external', 'delete', 'delete'), (7, 'anonymous', 'delete', 'delete'),
    (8, 'own', 'delete', 'delete'), (8, 'primary_group', 'delete', 'delete'), (8, 'other_groups', 'delete', 'delete'),
    (8, 'other_associates', 'delete', 'delete'), (8, 'external', 'delete', 'delete'), (8, 'anonymous', 'delete', 'delete'),
    (12, 'own', 'delete', 'delete'), (12, 'primary_group', 'delete', 'delete'), (12, 'other_groups', 'delete', 'delete'),
    (12, 'other_associates', 'delete', 'delete'), (12, 'external', 'delete', 'delete'), (12, 'anonymous', 'delete', 'delete'),
    -- User level 2: full in own (primary) group, update in secondary groups, limited beyond.
    (3, 'own', 'delete', 'delete'), (3, 'primary_group', 'delete', 'delete'), (3, 'other_groups', 'update', 'update'),
    (3, 'other_associates', 'read', 'none'), (3, 'external', 'read', 'none'), (3, 'anonymous', 'read', 'none'),
    -- User level 3: full own data, read own groups, limited beyond.
    (4, 'own', 'delete', 'delete'), (4, 'primary_group', 'read', 'read'), (4, 'other_groups', 'read', 'read'),
    (4, 'other_associates', 'read', 'none'), (4, 'external', 'read', 'none'), (4, 'anonymous', 'read', 'none'),
    -- User level 4: full own data, limited everywhere else.
    (5, 'own', 'delete', 'delete'), (5, 'primary_group', 'read', 'none'), (5, 'other_groups', 'read', 'none'),
    (5, 'other_associates', 'read', 'none'), (5, 'external', 'read', 'none'), (5, 'anonymous', 'read', 'none'),
    -- User level 5: reads own and group data, limited beyond; creates activities (adjusted below).
    (6, 'own', 'read', 'read'), (6, 'primary_group', 'read', 'read'), (6, 'other_groups', 'read', 'read'),
    (6, 'other_associates', 'read', 'none'), (6, 'external', 'read', 'none'), (6, 'anonymous', 'read', 'none'),
    -- Local user: full own and group data; "Other associates" may be at our other companies, so none.
    (9, 'own', 'delete', 'delete'), (9, 'primary_group', 'delete', 'delete'), (9, 'other_groups', 'update', 'update'),
    (9, 'other_associates', 'none', 'none'), (9, 'external', 'read', 'none'), (9, 'anonymous', 'read', 'none'),
    -- External user: reads records of own company and shared projects; edits its own (adjusted below).
    (10, 'own', 'read', 'update'), (10, 'my_company', 'read', 'read'), (10, 'same_project', 'read', 'read'),
    -- Anonymous user: no group columns (anonymous users belong to no group); creates own records only.
    (11, 'own', 'none', 'none'), (11, 'other_associates', 'none', 'none'), (11, 'external', 'none', 'none'),
    (11, 'anonymous', 'none', 'none'))
INSERT INTO data_right (role_id, data_object, owner_relation, level)
SELECT plan.role_id, data_object.name, plan.owner_relation,
       CASE data_object.kind WHEN 'shared' THEN plan.shared_level ELSE plan.private_level END
FROM plan CROSS JOIN data_object;

-- User level 5 "can create activities": follow-ups and documents of its own.
UPDATE data_right SET level = 'create'
WHERE role_id = 6 AND owner_relation = 'own' AND data_object IN ('follow_up', 'document');

-- External user: edits its own person card; sees no selections, sales or stakeholders; its
-- company's and projects' data are limited to the objects published to it.
UPDATE data_right SET level = 'update' WHERE role_id = 10 AND owner_relation = 'own' AND data_object = 'contact';
UPDATE data_right SET level = 'none'
WHERE role_id = 10 AND data_object IN ('selection', 'sale', 'stakeholder');
UPDATE data_right SET level = 'none'
WHERE role_id = 10 AND owner_relation = 'my_company' AND data_object IN ('project', 'project_member', 'dashboard');
UPDATE data_right SET level = 'none'
WHERE role_id = 10 AND owner_relation = 'same_project' AND data_object IN ('relation', 'dashboard');

-- Anonymous user: web forms create companies, contacts, requests (follow-ups) and documents.
UPDATE data_right SET level = 'create'
WHERE role_id = 11 AND owner_relation = 'own' AND data_object IN ('company', 'contact', 'follow_up', 'document');

-- Functional rights catalogue (SPEC §5.4). A required licence is named where a right only makes
-- sense with a system licence the app knows (src/shared/domain/licence-names.ts).
INSERT INTO functional_right (functional_right_id, display_name, description, required_licence, applies_to) VALUES
  ('admin-all', 'General administrator', 'Full administration: users, roles, lists, fields, Travel and import.', NULL, 'employee'),
  ('admin-lists', 'List administrator', 'May edit lists in Settings and maintenance.', NULL, 'employee'),
  ('admin-users', 'User administrator', 'May create and edit users in Settings and maintenance.', NULL, 'employee'),
  ('admin-udef', 'Field administrator', 'May add and edit user-defined fields.', NULL, 'employee'),
  ('admin-import', 'Import administrator', 'May import data into the database.', NULL, 'employee'),
  ('admin-role', 'Role administrator', 'May create, edit and delete roles and their rights.', NULL, 'employee'),
  ('admin-replication', 'Travel administrator', 'May administer Travel users, prototypes, areas and satellites.', NULL, 'employee'),
  ('admin-preferences', 'Preference administrator', 'May set system-wide and group preferences.', NULL, 'employee'),
  ('admin-script', 'CRMScript administrator', 'May write and run CRMScripts.', NULL, 'employee'),
  ('admin-workflow', 'Workflow administrator', 'May design and run workflows.', NULL, 'employee'),
  ('admin-quote', 'Quote administrator', 'May set up quote products, price lists and approval rules.', 'quote', 'employee'),
  ('quote-can-approve', 'May approve quotes', 'May approve quotes that need approval.', 'quote', 'employee'),
  ('admin-saint-regeneration', 'Status administrator', 'May regenerate Sales Intelligence status monitors and counters.', 'sales-intelligence', 'employee'),
  ('admin-audience', 'Audience administrator', 'May administer the Audience web portal.', NULL, 'employee'),
  ('allow-readonly-override', 'Override read-only', 'May edit records that are otherwise shown read-only.', NULL, 'employee'),
  ('hide-company', 'Hide Company', 'Hides the Company screen.', NULL, 'employee'),
  ('hide-sale', 'Hide Sale', 'Hides the Sale screen.', NULL, 'employee'),
  ('hide-project', 'Hide Project', 'Hides the Project screen.', NULL, 'employee'),
  ('hide-inbox', 'Hide Inbox', 'Hides the Inbox screen.', NULL, 'employee'),
  ('hide-selection', 'Hide Selection', 'Hides the Selection screen.', NULL, 'employee'),
  ('hide-reporter', 'Hide Reports', 'Hides the Reports screen.', NULL, 'employee'),
  ('allow-bulk-mailmerge', 'Bulk mail merge', 'May run mail merge on many records at once.', NULL, 'employee'),
  ('allow-bulk-export', 'Bulk export', 'May export many records at once.', NULL, 'employee'),
  ('allow-bulk-generate-activities', 'Bulk generate activities', 'May create follow-ups for many records at once.', NULL, 'employee'),
  ('allow-bulk-copy-members', 'Bulk copy members', 'May copy members between selections and projects.', NULL, 'employee'),
  ('allow-bulk-edit', 'Bulk edit', 'May change a field on many records at once.', NULL, 'employee'),
  ('allow-bulk-delete', 'Bulk delete', 'May delete many records at once.', NULL, 'employee'),
  ('allow-bulk-interests', 'Bulk interests', 'May set interests on many records at once.', NULL, 'employee'),
  ('allow-bulk-email', 'Bulk e-mail', 'May send e-mail to many recipients at once.', NULL, 'employee'),
  ('allow-bulk-user-applications', 'Bulk user applications', 'May run user applications on many records at once.', NULL, 'employee'),
  ('see-other-companies-associates', 'See associates of other companies', 'Sees associates who work at our other companies.', NULL, 'employee'),
  ('allow-dictionarySDK', 'Change database tables', 'May create and delete database tables and fields.', NULL, 'employee'),
  ('allow-manage-entities', 'Move and merge records', 'May move and merge companies, contacts and projects.', NULL, 'employee'),
  ('syncadmin-all', 'Synchronisation administrator (all)', 'May set up synchronisation for every user.', NULL, 'employee'),
  ('syncadmin-user', 'Synchronisation administrator (own)', 'May set up synchronisation for themselves.', NULL, 'employee'),
  ('ext-need-publish-to-see-project', 'Projects must be published', 'Sees a project only when it is published.', 'expander-services', 'external'),
  ('ext-need-publish-to-see-appointment', 'Follow-ups must be published', 'Sees a follow-up only when it is published.', 'expander-services', 'external'),
  ('ext-need-publish-to-see-document', 'Documents must be published', 'Sees a document only when it is published.', 'expander-services', 'external'),
  ('ext-need-publish-to-see-sale', 'Sales must be published', 'Sees a sale only when it is published.', 'expander-services', 'external'),
  ('ext-see-event-projects', 'See event projects', 'Sees event projects even without being a member.', 'expander-services', 'external'),
  ('ext-use-my-company-rights', 'Use "My company" rights', 'The "My company" column of the data rights applies.', 'expander-services', 'external'),
  ('ext-use-same-project-rights', 'Use "Same project" rights', 'The "Same project" column of the data rights applies.', 'expander-services', 'external');

-- The rights each predefined role holds. Bulk operations grow with the user level; everyone but
-- the Local user sees associates of our other companies.
WITH grant_list (role_id, functional_right_id) AS (VALUES
  (1, 'admin-all'), (1, 'quote-can-approve'), (1, 'allow-readonly-override'), (1, 'allow-dictionarySDK'),
  (1, 'allow-manage-entities'), (1, 'see-other-companies-associates'),
  (1, 'allow-bulk-mailmerge'), (1, 'allow-bulk-export'), (1, 'allow-bulk-generate-activities'), (1, 'allow-bulk-copy-members'),
  (1, 'allow-bulk-edit'), (1, 'allow-bulk-delete'), (1, 'allow-bulk-interests'), (1, 'allow-bulk-email'), (1, 'allow-bulk-user-applications'),
  (2, 'quote-can-approve'), (2, 'allow-readonly-override'), (2, 'allow-manage-entities'), (2, 'see-other-companies-associates'),
  (2, 'allow-bulk-mailmerge'), (2, 'allow-bulk-export'), (2, 'allow-bulk-generate-activities'), (2, 'allow-bulk-copy-members'),
  (2, 'allow-bulk-edit'), (2, 'allow-bulk-delete'), (2, 'allow-bulk-interests'), (2, 'allow-bulk-email'), (2, 'allow-bulk-user-applications'),
  (3, 'see-other-companies-associates'), (3, 'allow-bulk-mailmerge'), (3, 'allow-bulk-export'), (3, 'allow-bulk-generate-activities'),
  (3, 'allow-bulk-copy-members'), (3, 'allow-bulk-edit'), (3, 'allow-bulk-interests'), (3, 'allow-bulk-email'),
  (4, 'see-other-companies-associates'), (4, 'allow-bulk-mailmerge'), (4, 'allow-bulk-export'), (4, 'allow-bulk-generate-activities'),
  (4, 'allow-bulk-copy-members'), (4, 'allow-bulk-email'),
  (5, 'see-other-companies-associates'), (5, 'allow-bulk-mailmerge'), (5, 'allow-bulk-generate-activities'), (5, 'allow-bulk-copy-members'),
  (6, 'see-other-companies-associates'),
  (7, 'admin-lists'), (7, 'allow-manage-entities'), (7, 'see-other-companies-associates'),
  (7, 'allow-bulk-mailmerge'), (7, 'allow-bulk-export'), (7, 'allow-bulk-generate-activities'), (7, 'allow-bulk-copy-members'),
  (7, 'allow-bulk-edit'), (7, 'allow-bulk-delete'), (7, 'allow-bulk-interests'), (7, 'allow-bulk-email'), (7, 'allow-bulk-user-applications'),
  (8, 'admin-users'), (8, 'allow-manage-entities'), (8, 'see-other-companies-associates'),
  (8, 'allow-bulk-mailmerge'), (8, 'allow-bulk-export'), (8, 'allow-bulk-generate-activities'), (8, 'allow-bulk-copy-members'),
  (8, 'allow-bulk-edit'), (8, 'allow-bulk-delete'), (8, 'allow-bulk-interests'), (8, 'allow-bulk-email'), (8, 'allow-bulk-user-applications'),
  (9, 'allow-bulk-mailmerge'), (9, 'allow-bulk-export'), (9, 'allow-bulk-generate-activities'), (9, 'allow-bulk-copy-members'),
  (9, 'allow-bulk-email'),
  (10, 'ext-need-publish-to-see-project'), (10, 'ext-need-publish-to-see-appointment'), (10, 'ext-need-publish-to-see-document'),
  (10, 'ext-need-publish-to-see-sale'), (10, 'ext-use-my-company-rights'), (10, 'ext-use-same-project-rights'))
INSERT INTO role_functional_right (role_id, functional_right_id)
SELECT role_id, functional_right_id FROM grant_list;

-- The System user holds every associate right except the hide-* ones (it bypasses security anyway).
INSERT INTO role_functional_right (role_id, functional_right_id)
SELECT 12, functional_right_id FROM functional_right
WHERE applies_to = 'employee' AND functional_right_id NOT LIKE 'hide-%';
