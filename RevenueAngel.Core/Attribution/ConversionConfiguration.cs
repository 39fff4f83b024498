using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Attribution;

internal sealed class ConversionConfiguration : IEntityTypeConfiguration<Conversion>
{
    public void Configure(EntityTypeBuilder<Conversion> builder)
    {
        builder.Property(c => c.CompanyId).HasMaxLength(64);
        builder.Property(c => c.WhopPaymentId).HasMaxLength(64);
        builder.Property(c => c.Type).HasStoredEnum();
        builder.Property(c => c.AttributionMethod).HasStoredEnum();
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.WhopMembershipId).HasMaxLength(64);
        builder.Property(c => c.State).HasStoredEnum();
        builder.Property(c => c.ConfirmedByPaymentId).HasMaxLength(64);
        builder.Property(c => c.RecoveredBy).HasStoredEnum();
        builder.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId);
        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId);
        builder.HasOne<Send>().WithMany().HasForeignKey(c => c.AttributedSendId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Playbook>().WithMany().HasForeignKey(c => c.AttributedPlaybookId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<PlaybookStep>().WithMany().HasForeignKey(c => c.AttributedStepId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => c.WhopPaymentId).IsUnique();
        // Analytics read a period's conversions, net of their refunds, from the index alone.
        builder.HasIndex(c => new { c.CompanyId, c.CreatedAt })
            .IncludeProperties(c => new
            {
                c.Id, c.MemberId, c.Type, c.RevenueCents, c.AdjustedCents, c.Currency, c.State, c.RecoveredBy, c.ConfirmedByPaymentId,
                c.AttributedPlaybookId, c.AttributedStepId, c.AttributedSendId,
            });
        builder.HasIndex(c => c.AttributedSendId);
        // The hourly counts keep every confirmed conversion's net; the few saves confirmed by a payment are read from
        // here to take out those whose payment is a conversion of its own, and the saves an offer made for its report.
        builder.HasIndex(c => new { c.CompanyId, c.CreatedAt }, "ix_conversions_confirmed_by_payment").HasDatabaseName("ix_conversions_confirmed_by_payment")
            .IncludeProperties(c => new
            {
                c.ConfirmedByPaymentId, c.Type, c.AttributedPlaybookId, c.Currency, c.State, c.RecoveredBy, c.RevenueCents, c.AdjustedCents,
            })
            .HasFilter("confirmed_by_payment_id IS NOT NULL");
        builder.HasIndex(c => new { c.CompanyId, c.CreatedAt }, "ix_conversions_made_by_offer").HasDatabaseName("ix_conversions_made_by_offer")
            .IncludeProperties(c => new { c.SaveOfferId, c.Type, c.State, c.Currency, c.RevenueCents })
            .HasFilter("save_offer_id IS NOT NULL");
        // A playbook's step funnel: the conversions credited to its sends that went out in a period, from the index alone.
        builder.HasIndex(c => new { c.CompanyId, c.AttributedPlaybookId, c.AttributedSentAt })
            .IncludeProperties(c => new { c.AttributedStepId, c.RevenueCents, c.AdjustedCents, c.Currency, c.State, c.ConfirmedByPaymentId })
            .HasFilter("attributed_sent_at IS NOT NULL");
        builder.HasOne<Offers.SaveOffer>().WithMany().HasForeignKey(c => c.SaveOfferId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => c.SaveOfferId).IsUnique().HasFilter("save_offer_id IS NOT NULL");
        // A payment or cancellation finds the membership's pending saves.
        builder.HasIndex(c => new { c.WhopMembershipId, c.State });
    }
}
