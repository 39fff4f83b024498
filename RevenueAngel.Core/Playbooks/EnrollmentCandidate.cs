namespace RevenueAngel.Core.Playbooks;

/// A subject that may enter a playbook, and the entry number it would get; projected by position into the
/// enroller's staging table.
public sealed record EnrollmentCandidate(long SubjectId, int Entry);
