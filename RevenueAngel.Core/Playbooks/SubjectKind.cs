namespace RevenueAngel.Core.Playbooks;

/// Who an enrollment talks to: a member (members.id) or a lead (leads.id).
public enum SubjectKind
{
    Member,
    Lead,
}
