using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Billing;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.Property(p => p.Id).HasMaxLength(64);
        builder.Property(p => p.CompanyId).HasMaxLength(64);
        builder.Property(p => p.MembershipId).HasMaxLength(64);
        builder.Property(p => p.PlanId).HasMaxLength(64);
        builder.Property(p => p.Status).HasMaxLength(32);
        builder.Property(p => p.Substatus).HasMaxLength(48);
        builder.Property(p => p.BillingReason).HasMaxLength(48);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.FailureMessage).HasMaxLength(1000);
        builder.Property(p => p.DeclineCode).HasMaxLength(64);
        builder.Property(p => p.DeclineReason).HasStoredEnum();
        builder.Property(p => p.CardLast4).HasMaxLength(4);
        builder.HasOne<Company>().WithMany().HasForeignKey(p => p.CompanyId);
        builder.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId);
        builder.HasIndex(p => new { p.CompanyId, p.PaidAt });
        builder.HasIndex(p => new { p.CompanyId, p.FailedAt });
        builder.HasIndex(p => p.MembershipId);
    }
}
