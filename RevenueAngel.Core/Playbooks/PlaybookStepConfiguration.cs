using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Playbooks;

internal sealed class PlaybookStepConfiguration : IEntityTypeConfiguration<PlaybookStep>
{
    public void Configure(EntityTypeBuilder<PlaybookStep> builder)
    {
        builder.Property(s => s.Channel).HasStoredEnum();
        builder.Property(s => s.FallbackChannel).HasStoredEnum();
        builder.Property(s => s.Purpose).HasStoredEnum();
        builder.Property(s => s.Timing).HasStoredEnum().HasDefaultValue(StepTiming.AfterPrevious).HasSentinel((StepTiming)(-1));
        builder.Property(s => s.WinnerVariant).HasMaxLength(8);
        builder.Property(s => s.OfferKind).HasStoredEnum();
        builder.Property(s => s.OfferPlanId).HasMaxLength(64);
        builder.Ignore(s => s.Offer);
        builder.HasOne<MessageTemplate>().WithMany().HasForeignKey(s => s.TemplateId).OnDelete(DeleteBehavior.Restrict);
        // Not unique: a reorder rewrites positions in one save, which a unique index would reject midway.
        builder.HasIndex(s => new { s.PlaybookId, s.Position });
    }
}
