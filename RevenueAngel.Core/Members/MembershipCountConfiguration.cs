using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Companies;

namespace RevenueAngel.Core.Members;

internal sealed class MembershipCountConfiguration : IEntityTypeConfiguration<MembershipCount>
{
    public void Configure(EntityTypeBuilder<MembershipCount> builder)
    {
        builder.HasKey(c => new { c.CompanyId, c.PlanId, c.Status });
        builder.Property(c => c.CompanyId).HasMaxLength(64);
        builder.Property(c => c.PlanId).HasMaxLength(64);
        builder.Property(c => c.Status).HasMaxLength(32);
        builder.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId);
    }
}
