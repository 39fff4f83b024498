using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Playbooks;

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> builder)
    {
        builder.Property(e => e.CompanyId).HasMaxLength(64);
        builder.Property(e => e.SubjectKind).HasStoredEnum();
        builder.Property(e => e.Status).HasStoredEnum();
        builder.Property(e => e.Group).HasMaxLength(32);
        builder.Property(e => e.EndReason).HasMaxLength(200);
        builder.Property(e => e.TriggerKey).HasMaxLength(128);
        builder.HasIndex(e => new { e.PlaybookId, e.TriggerKey }).IsUnique().HasFilter("trigger_key IS NOT NULL");
        // No foreign key for the company: the playbook's implies it (and cascades from it), and enrolment runs pay
        // a checked key per row.
        builder.HasOne<Playbook>().WithMany().HasForeignKey(e => e.PlaybookId);
        builder.HasIndex(e => new { e.PlaybookId, e.SubjectKind, e.SubjectId, e.EntryNumber }).IsUnique();
        builder.HasIndex(e => new { e.CompanyId, e.SubjectKind, e.SubjectId, e.Status });
        // Analytics: enrolments entered in, or active during, a period, read from the index alone (experiments join
        // them to their subjects' conversions by playbook and arm).
        builder.HasIndex(e => new { e.CompanyId, e.EnteredAt })
            .IncludeProperties(e => new { e.Id, e.Status, e.Group, e.EndedAt, e.PlaybookId, e.SubjectKind, e.SubjectId, e.RevenueCents });
        // The partial hour before a period's start, when counting the enrolments still running at its start.
        builder.HasIndex(e => new { e.CompanyId, e.EndedAt }).IncludeProperties(e => e.Group).HasFilter("ended_at IS NOT NULL");
    }
}
