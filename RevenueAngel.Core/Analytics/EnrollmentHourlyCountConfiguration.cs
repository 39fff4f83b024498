using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Companies;

namespace RevenueAngel.Core.Analytics;

internal sealed class EnrollmentHourlyCountConfiguration : IEntityTypeConfiguration<EnrollmentHourlyCount>
{
    public void Configure(EntityTypeBuilder<EnrollmentHourlyCount> builder)
    {
        builder.HasKey(c => new { c.CompanyId, c.Hour, c.PlaybookId, c.Group });
        builder.Property(c => c.CompanyId).HasMaxLength(64);
        builder.Property(c => c.Group).HasMaxLength(32);
        builder.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId);
    }
}
