using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Playbooks;

internal sealed class PlaybookStepVariantConfiguration : IEntityTypeConfiguration<PlaybookStepVariant>
{
    public void Configure(EntityTypeBuilder<PlaybookStepVariant> builder)
    {
        builder.Property(v => v.Key).HasMaxLength(8);
        builder.HasIndex(v => new { v.StepId, v.Key }).IsUnique();
        builder.HasOne<PlaybookStep>().WithMany(s => s.Variants).HasForeignKey(v => v.StepId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MessageTemplate>().WithMany().HasForeignKey(v => v.TemplateId).OnDelete(DeleteBehavior.Restrict);
    }
}
