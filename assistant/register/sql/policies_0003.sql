-- Conduct's register on PostgreSQL: who may decide, enforced by the database (migration 0003).
--
-- 0002 let any officer UPDATE their own entry to any status and append any type of event,
-- so a raw connection could approve one's own entry; and an approver's UPDATE could change
-- what an entry says. Now: an officer changes their own entry only to draft, submitted or
-- withdrawn, with no decision on it; only the addressed approver (or the Monitoring Officer)
-- decides, never on their own entry, and a decision changes only the decision's columns.

DROP POLICY entries_add_own ON entries;
CREATE POLICY entries_add_own ON entries FOR INSERT
    TO conduct_officer, conduct_approver, conduct_monitoring_officer
    WITH CHECK (officer = current_user AND status IN ('draft', 'submitted') AND decided_by IS NULL);

DROP POLICY entries_change_own ON entries;
CREATE POLICY entries_change_own ON entries FOR UPDATE
    TO conduct_officer, conduct_approver, conduct_monitoring_officer
    USING (officer = current_user)
    WITH CHECK (officer = current_user AND status IN ('draft', 'submitted', 'withdrawn') AND decided_by IS NULL);

DROP POLICY entries_decide_addressed ON entries;
CREATE POLICY entries_decide_addressed ON entries FOR UPDATE TO conduct_approver
    USING (approver = current_user AND officer <> current_user)
    WITH CHECK (approver = current_user AND officer <> current_user AND status IN ('approved', 'declined')
                AND decided_by = current_user);

DROP POLICY entries_decide_any ON entries;
CREATE POLICY entries_decide_any ON entries FOR UPDATE TO conduct_monitoring_officer
    USING (officer <> current_user)
    WITH CHECK (officer <> current_user AND status IN ('approved', 'declined') AND decided_by = current_user);

DROP POLICY events_add_own ON events;
CREATE POLICY events_add_own ON events FOR INSERT
    TO conduct_officer, conduct_approver, conduct_monitoring_officer
    WITH CHECK (actor = current_user AND officer = current_user
                AND type IN ('drafted', 'submitted', 'withdrawn', 'corrected'));

DROP POLICY events_add_decision ON events;
CREATE POLICY events_add_decision ON events FOR INSERT TO conduct_approver
    WITH CHECK (actor = current_user AND approver = current_user AND officer <> current_user
                AND type IN ('approved', 'declined'));

DROP POLICY events_add_any_decision ON events;
CREATE POLICY events_add_any_decision ON events FOR INSERT TO conduct_monitoring_officer
    WITH CHECK (actor = current_user AND officer <> current_user AND type IN ('approved', 'declined'));

-- A decision may change only the decision: someone else's entry keeps its contents as its officer wrote them.
CREATE FUNCTION conduct_entries_contents_are_the_officers() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF NEW.officer <> current_user AND
       (NEW.id, NEW.officer, NEW.approver, NEW.approver_role, NEW.kind, NEW.giver, NEW.description,
        NEW.value_pence, NEW.offered_on, NEW.outcome, NEW.circumstances, NEW.council, NEW.question,
        NEW.verdict, NEW.summary, NEW.citations, NEW.fingerprint, NEW.created_at, NEW.submitted_at)
       IS DISTINCT FROM
       (OLD.id, OLD.officer, OLD.approver, OLD.approver_role, OLD.kind, OLD.giver, OLD.description,
        OLD.value_pence, OLD.offered_on, OLD.outcome, OLD.circumstances, OLD.council, OLD.question,
        OLD.verdict, OLD.summary, OLD.citations, OLD.fingerprint, OLD.created_at, OLD.submitted_at) THEN
        RAISE EXCEPTION 'only an entry''s officer may change what it says; a decision changes only the decision'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$fn$;
CREATE TRIGGER entries_contents_are_the_officers BEFORE UPDATE ON entries
    FOR EACH ROW EXECUTE FUNCTION conduct_entries_contents_are_the_officers();
