using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Offers;

internal sealed class SaveOfferConfiguration : IEntityTypeConfiguration<SaveOffer>
{
    public void Configure(EntityTypeBuilder<SaveOffer> builder)
    {
        builder.Property(o => o.CompanyId).HasMaxLength(64);
        builder.Property(o => o.MembershipId).HasMaxLength(64);
        builder.Property(o => o.DowngradePlanId).HasMaxLength(64);
        builder.Property(o => o.Kind).HasStoredEnum();
        builder.Property(o => o.Status).HasStoredEnum();
        builder.Property(o => o.TokenHash).HasMaxLength(64);
        builder.Property(o => o.DeclineReason).HasMaxLength(32);
        builder.Property(o => o.FailureReason).HasMaxLength(1000);
        builder.Property(o => o.PromoCode).HasMaxLength(64);
        builder.Property(o => o.PromoCodeId).HasMaxLength(64);
        builder.Property(o => o.DiscountAppliedPaymentId).HasMaxLength(64);
        // A renewal finds the discount whose code it carried.
        builder.HasIndex(o => new { o.CompanyId, o.PromoCodeId }).HasFilter("promo_code_id IS NOT NULL");
        builder.Property(o => o.CheckoutUrl).HasMaxLength(2000);
        builder.HasIndex(o => o.TokenHash).IsUnique();
        builder.HasOne<Company>().WithMany().HasForeignKey(o => o.CompanyId);
        builder.HasOne<Member>().WithMany().HasForeignKey(o => o.MemberId);
        builder.HasOne<Send>().WithMany().HasForeignKey(o => o.SendId).OnDelete(DeleteBehavior.SetNull);
        // One offer per send: the dispatcher may render a send twice after a crash, and must reuse its offer.
        builder.HasIndex(o => o.SendId).IsUnique().HasFilter("send_id IS NOT NULL");
        // The cooldown asks for a member's recent acceptances; the admin list filters a company's offers.
        builder.HasIndex(o => new { o.CompanyId, o.MemberId, o.AcceptedAt });
        builder.HasIndex(o => new { o.CompanyId, o.Status, o.CreatedAt });
        // The maintenance job's pauses to resume.
        builder.HasIndex(o => o.ResumeAt).HasFilter("resume_at IS NOT NULL AND resumed_at IS NULL");
        builder.HasMany<OfferCall>().WithOne().HasForeignKey(c => c.OfferId);
    }
}
