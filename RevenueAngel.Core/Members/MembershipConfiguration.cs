using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Companies;

namespace RevenueAngel.Core.Members;

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.Property(m => m.Id).HasMaxLength(64);
        builder.Property(m => m.CompanyId).HasMaxLength(64);
        builder.Property(m => m.PlanId).HasMaxLength(64);
        builder.Property(m => m.ProductId).HasMaxLength(64);
        builder.Property(m => m.Status).HasMaxLength(32);
        builder.Property(m => m.ManageUrl).HasMaxLength(500);
        builder.Property(m => m.CancelOption).HasMaxLength(32);
        builder.HasOne<Company>().WithMany().HasForeignKey(m => m.CompanyId);
        builder.HasOne<Member>().WithMany().HasForeignKey(m => m.MemberId);
        builder.HasOne<Plan>().WithMany().HasForeignKey(m => m.PlanId);
        builder.HasIndex(m => new { m.CompanyId, m.Status, m.PlanId });
        builder.HasIndex(m => m.MemberId);
    }
}
