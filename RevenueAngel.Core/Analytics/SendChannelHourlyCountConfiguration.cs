using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Analytics;

internal sealed class SendChannelHourlyCountConfiguration : IEntityTypeConfiguration<SendChannelHourlyCount>
{
    public void Configure(EntityTypeBuilder<SendChannelHourlyCount> builder)
    {
        builder.HasKey(c => new { c.CompanyId, c.Hour, c.Channel, c.Outcome });
        builder.Property(c => c.CompanyId).HasMaxLength(64);
        builder.Property(c => c.Channel).HasStoredEnum();
        builder.Property(c => c.Outcome).HasStoredEnum();
        builder.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId);
    }
}
