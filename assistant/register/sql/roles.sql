-- Conduct's register on PostgreSQL: the three group roles access is granted through.
--
-- Run once as a superuser (or a role with CREATEROLE) before Conduct first connects;
-- Conduct's own migration runs it again harmlessly. Then give each person a login
-- that is a member of the right groups (see the README, "A council's register on
-- PostgreSQL"), for example:
--
--   CREATE ROLE conduct_owner LOGIN PASSWORD '…';            -- owns the tables, runs migrations
--   GRANT CREATE ON DATABASE conduct TO conduct_owner;       -- and CREATE on schema public
--   CREATE ROLE jsmith LOGIN PASSWORD '…' IN ROLE conduct_officer;
--   CREATE ROLE adirector LOGIN PASSWORD '…' IN ROLE conduct_officer, conduct_approver;
--   CREATE ROLE monitoring LOGIN PASSWORD '…' IN ROLE conduct_officer, conduct_monitoring_officer;
--
-- Each person's login name is the name entries are recorded and addressed under.
DO $roles$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'conduct_officer') THEN
        CREATE ROLE conduct_officer NOLOGIN;             -- records and reads their own entries
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'conduct_approver') THEN
        CREATE ROLE conduct_approver NOLOGIN;            -- also reads and decides entries addressed to them
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'conduct_monitoring_officer') THEN
        CREATE ROLE conduct_monitoring_officer NOLOGIN;  -- reads every entry; reports, export, verify
    END IF;
END
$roles$;
