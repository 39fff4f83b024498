using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Analytics;

internal sealed class ConversionHourlyCountConfiguration : IEntityTypeConfiguration<ConversionHourlyCount>
{
    public void Configure(EntityTypeBuilder<ConversionHourlyCount> builder)
    {
        builder.HasKey(c => new { c.CompanyId, c.Hour, c.Type, c.PlaybookId, c.Currency, c.State, c.RecoveredBy });
        builder.Property(c => c.CompanyId).HasMaxLength(64);
        builder.Property(c => c.Type).HasStoredEnum();
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.State).HasStoredEnum();
        builder.Property(c => c.RecoveredBy).HasMaxLength(32);
        builder.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId);
    }
}
