using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Dispatch;

internal sealed class SendConfiguration : IEntityTypeConfiguration<Send>
{
    public void Configure(EntityTypeBuilder<Send> builder)
    {
        builder.Property(s => s.CompanyId).HasMaxLength(64);
        builder.Property(s => s.Channel).HasStoredEnum();
        builder.Property(s => s.Status).HasStoredEnum();
        builder.Property(s => s.LastError).HasMaxLength(2000);
        builder.Property(s => s.ExternalId).HasMaxLength(128);
        builder.Property(s => s.Variant).HasMaxLength(32);
        builder.Property(s => s.Title).HasMaxLength(500);
        builder.Property(s => s.Body).HasMaxLength(8000);
        builder.Property(s => s.CtaLabel).HasMaxLength(200);
        builder.Property(s => s.CtaUrl).HasMaxLength(2000);
        builder.Property(s => s.ClickToken).HasMaxLength(32);
        builder.HasIndex(s => s.ClickToken).IsUnique().HasFilter("click_token IS NOT NULL");
        // No foreign keys for company and playbook: the enrolment's key implies both (and cascades from them), and
        // each key checked costs every one of the hundreds of thousands of rows an enrolment run writes.
        builder.HasOne<PlaybookStep>().WithMany().HasForeignKey(s => s.StepId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(s => s.EnrollmentId);
        builder.HasIndex(s => new { s.EnrollmentId, s.StepId }).IsUnique();
        // The dispatcher's claim: due rows only, so the index stays small while sends grow to millions.
        builder.HasIndex(s => new { s.Status, s.ScheduledFor })
            .HasFilter("status IN ('scheduled', 'sending')")
            .HasDatabaseName("ix_sends_due");
        // The claim: each playbook's scheduled sends, oldest first, read in order however many wait.
        builder.HasIndex(s => new { s.PlaybookId, s.ScheduledFor, s.Id })
            .HasFilter("status = 'scheduled'")
            .HasDatabaseName("ix_sends_scheduled");
        // Analytics count a period's sends per playbook and their clicks from the index alone. Every reader bounds
        // sent_at, so sends not yet out (all of an enrolment run's) need no entry.
        builder.HasIndex(s => new { s.CompanyId, s.SentAt }).IncludeProperties(s => new { s.PlaybookId, s.ClickedAt })
            .HasFilter("sent_at IS NOT NULL");
        // A playbook's step funnel: the sends that never went out, by when they were due.
        builder.HasIndex(s => new { s.PlaybookId, s.ScheduledFor }).IncludeProperties(s => s.StepId).HasFilter("sent_at IS NULL")
            .HasDatabaseName("ix_sends_unsent");
    }
}
