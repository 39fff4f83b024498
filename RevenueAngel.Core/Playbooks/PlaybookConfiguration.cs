using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Playbooks;

internal sealed class PlaybookConfiguration : IEntityTypeConfiguration<Playbook>
{
    public void Configure(EntityTypeBuilder<Playbook> builder)
    {
        builder.Property(p => p.CompanyId).HasMaxLength(64);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Type).HasStoredEnum();
        builder.Property(p => p.Trigger).HasStoredEnum();
        builder.Property(p => p.Goal).HasStoredEnum();
        builder.Property(p => p.GoalPlanId).HasMaxLength(64);
        builder.Property(p => p.TargetRules).HasMaxLength(20_000);
        builder.Property(p => p.ExitRules).HasMaxLength(20_000);
        builder.Property(p => p.Tone).HasStoredEnum();
        builder.Property(p => p.OwnRetryDays).HasMaxLength(32);
        builder.Property(p => p.CancelOfferRoutes).HasMaxLength(2000);
        builder.Property(p => p.OwnRetryLimit).HasDefaultValue(2).HasSentinel(-1);
        builder.Property(p => p.CustomTone).HasMaxLength(PlaybookDraft.CustomToneMaxLength);
        builder.HasOne<Company>().WithMany().HasForeignKey(p => p.CompanyId);
        builder.HasMany(p => p.Steps).WithOne().HasForeignKey(s => s.PlaybookId);
        builder.HasIndex(p => new { p.CompanyId, p.Enabled });
    }
}
