using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Companies;

namespace RevenueAngel.Core.Members;

internal sealed class MemberCountConfiguration : IEntityTypeConfiguration<MemberCount>
{
    public void Configure(EntityTypeBuilder<MemberCount> builder)
    {
        builder.HasKey(c => c.CompanyId);
        builder.Property(c => c.CompanyId).HasMaxLength(64);
        builder.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId);
    }
}
