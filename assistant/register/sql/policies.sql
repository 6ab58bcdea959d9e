-- Conduct's register on PostgreSQL: grants and row-level security.
--
-- Run by Conduct's migration 0002 as the tables' owner. An officer reads and adds
-- only their own entries; an approver also reads and decides those addressed to
-- them; the Monitoring Officer reads all. No role may update or delete an event:
-- there is no grant for it, and a trigger refuses it even for the owner.

REVOKE ALL ON entries, events, chain_head, alembic_version FROM PUBLIC;
GRANT SELECT ON alembic_version TO conduct_officer, conduct_approver, conduct_monitoring_officer;
GRANT SELECT, INSERT ON entries, events TO conduct_officer, conduct_approver, conduct_monitoring_officer;
GRANT UPDATE (kind, giver, description, value_pence, offered_on, outcome, circumstances, approver,
              approver_role, status, updated_at, submitted_at, decided_by, decision_comment, last_seq)
    ON entries TO conduct_officer, conduct_approver, conduct_monitoring_officer;
-- The chain's head is one row holding the last event's number and hash; every writer locks it.
GRANT SELECT, UPDATE ON chain_head TO conduct_officer, conduct_approver, conduct_monitoring_officer;

ALTER TABLE entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE events ENABLE ROW LEVEL SECURITY;

CREATE POLICY entries_read_own ON entries FOR SELECT TO conduct_officer
    USING (officer = current_user);
CREATE POLICY entries_read_addressed ON entries FOR SELECT TO conduct_approver
    USING (officer = current_user OR approver = current_user);
CREATE POLICY entries_read_all ON entries FOR SELECT TO conduct_monitoring_officer
    USING (true);
CREATE POLICY entries_add_own ON entries FOR INSERT
    TO conduct_officer, conduct_approver, conduct_monitoring_officer
    WITH CHECK (officer = current_user AND status IN ('draft', 'submitted'));
CREATE POLICY entries_change_own ON entries FOR UPDATE
    TO conduct_officer, conduct_approver, conduct_monitoring_officer
    USING (officer = current_user) WITH CHECK (officer = current_user);
CREATE POLICY entries_decide_addressed ON entries FOR UPDATE TO conduct_approver
    USING (approver = current_user) WITH CHECK (approver = current_user);
CREATE POLICY entries_decide_any ON entries FOR UPDATE TO conduct_monitoring_officer
    USING (true) WITH CHECK (true);

CREATE POLICY events_read_own ON events FOR SELECT TO conduct_officer
    USING (officer = current_user);
CREATE POLICY events_read_addressed ON events FOR SELECT TO conduct_approver
    USING (officer = current_user OR approver = current_user);
CREATE POLICY events_read_all ON events FOR SELECT TO conduct_monitoring_officer
    USING (true);
CREATE POLICY events_add_own ON events FOR INSERT
    TO conduct_officer, conduct_approver, conduct_monitoring_officer
    WITH CHECK (actor = current_user AND officer = current_user);
CREATE POLICY events_add_decision ON events FOR INSERT TO conduct_approver
    WITH CHECK (actor = current_user AND approver = current_user AND type IN ('approved', 'declined'));
CREATE POLICY events_add_any_decision ON events FOR INSERT TO conduct_monitoring_officer
    WITH CHECK (actor = current_user AND type IN ('approved', 'declined'));

CREATE FUNCTION conduct_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'register events are append-only' USING ERRCODE = 'insufficient_privilege';
END
$fn$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION conduct_events_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION conduct_events_append_only();
