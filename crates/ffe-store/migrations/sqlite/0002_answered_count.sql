-- Lists show how many elements an application answers without reading the answers themselves.
ALTER TABLE applications ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;
UPDATE applications SET answered = (SELECT COUNT(*) FROM json_each(applications.answers));
