using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Leads;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> builder)
    {
        builder.Property(l => l.CompanyId).HasMaxLength(64);
        builder.Property(l => l.Email).HasMaxLength(320);
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.Source).HasMaxLength(64);
        builder.Property(l => l.Status).HasStoredEnum();
        builder.Property(l => l.WhopUserId).HasMaxLength(64);
        builder.Property(l => l.ConsentText).HasMaxLength(1000);
        builder.Property(l => l.UtmSource).HasMaxLength(200);
        builder.Property(l => l.WaitlistEntryId).HasMaxLength(64);
        builder.Property(l => l.WaitlistStatus).HasMaxLength(32);
        builder.Property(l => l.ConvertedPaymentId).HasMaxLength(64);
        builder.HasOne<Company>().WithMany().HasForeignKey(l => l.CompanyId);
        builder.HasOne<Member>().WithMany().HasForeignKey(l => l.MemberId).OnDelete(DeleteBehavior.SetNull);
        // Both unique indexes let many NULLs through (PostgreSQL and SQLite alike): a lead needs an email or a Whop user.
        builder.HasIndex(l => new { l.CompanyId, l.Email }).IsUnique();
        builder.HasIndex(l => new { l.CompanyId, l.WhopUserId }).IsUnique();
        builder.HasIndex(l => new { l.CompanyId, l.CapturedAt });
        builder.HasIndex(l => new { l.CompanyId, l.Status });
    }
}
