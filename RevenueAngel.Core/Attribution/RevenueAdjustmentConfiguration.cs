using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Attribution;

internal sealed class RevenueAdjustmentConfiguration : IEntityTypeConfiguration<RevenueAdjustment>
{
    public void Configure(EntityTypeBuilder<RevenueAdjustment> builder)
    {
        builder.Property(a => a.CompanyId).HasMaxLength(64);
        builder.Property(a => a.WhopObjectId).HasMaxLength(64);
        builder.Property(a => a.Kind).HasStoredEnum();
        builder.Property(a => a.WhopPaymentId).HasMaxLength(64);
        builder.Property(a => a.Currency).HasMaxLength(3);
        builder.Property(a => a.Status).HasMaxLength(48);
        builder.HasOne<Company>().WithMany().HasForeignKey(a => a.CompanyId);
        builder.HasOne<Conversion>().WithMany().HasForeignKey(a => a.ConversionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => a.WhopObjectId).IsUnique();
        builder.HasIndex(a => new { a.CompanyId, a.CreatedAt });
        builder.HasIndex(a => a.WhopPaymentId);
    }
}
