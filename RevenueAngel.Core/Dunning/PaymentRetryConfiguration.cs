using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Companies;

namespace RevenueAngel.Core.Dunning;

internal sealed class PaymentRetryConfiguration : IEntityTypeConfiguration<PaymentRetry>
{
    public void Configure(EntityTypeBuilder<PaymentRetry> builder)
    {
        builder.Property(r => r.CompanyId).HasMaxLength(64);
        builder.Property(r => r.PaymentId).HasMaxLength(64);
        builder.Property(r => r.Result).HasMaxLength(500);
        builder.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId);
        builder.HasIndex(r => new { r.PaymentId, r.AttemptedAt });
    }
}
