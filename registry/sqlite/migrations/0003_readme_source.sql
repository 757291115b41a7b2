-- The README as written (Markdown, reStructuredText or plain text), for the
-- project page to render. ADD COLUMN puts it last in the row, after the
-- record and the README text, so that a query which does not select it
-- never reads the overflow pages a long README takes.

ALTER TABLE projects ADD COLUMN readme_source TEXT NOT NULL DEFAULT '';
