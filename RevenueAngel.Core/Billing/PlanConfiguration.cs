using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Companies;

namespace RevenueAngel.Core.Billing;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.Property(p => p.Id).HasMaxLength(64);
        builder.Property(p => p.CompanyId).HasMaxLength(64);
        builder.Property(p => p.ProductId).HasMaxLength(64);
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Ignore(p => p.MonthlyPriceCents);
        builder.HasOne<Company>().WithMany().HasForeignKey(p => p.CompanyId);
        builder.HasIndex(p => p.CompanyId);
    }
}
