using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Companies;

namespace RevenueAngel.Core.Analytics;

internal sealed class SendHourlyCountConfiguration : IEntityTypeConfiguration<SendHourlyCount>
{
    public void Configure(EntityTypeBuilder<SendHourlyCount> builder)
    {
        builder.HasKey(c => new { c.CompanyId, c.Hour, c.PlaybookId, c.StepId });
        builder.Property(c => c.CompanyId).HasMaxLength(64);
        builder.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId);
    }
}
