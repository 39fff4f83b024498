using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Companies;

namespace RevenueAngel.Core.Members;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.Property(m => m.CompanyId).HasMaxLength(64);
        builder.Property(m => m.WhopUserId).HasMaxLength(64);
        builder.Property(m => m.WhopMemberId).HasMaxLength(64);
        builder.Property(m => m.Email).HasMaxLength(320);
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.Username).HasMaxLength(100);
        builder.HasOne<Company>().WithMany().HasForeignKey(m => m.CompanyId);
        builder.HasIndex(m => new { m.CompanyId, m.WhopUserId }).IsUnique();
    }
}
