using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Email;

internal sealed class EmailSuppressionConfiguration : IEntityTypeConfiguration<EmailSuppression>
{
    public void Configure(EntityTypeBuilder<EmailSuppression> builder)
    {
        builder.Property(s => s.CompanyId).HasMaxLength(64);
        builder.Property(s => s.Address).HasMaxLength(320);
        builder.Property(s => s.Reason).HasStoredEnum();
        builder.Property(s => s.Note).HasMaxLength(EmailSuppression.NoteMaxLength);
        builder.Property(s => s.RemovalReason).HasMaxLength(EmailSuppression.NoteMaxLength);
        builder.Ignore(s => s.IsActive);
        builder.HasOne<Company>().WithMany().HasForeignKey(s => s.CompanyId);
        // One row per address and company: a second unsubscribe (or a bounce after it) changes nothing.
        builder.HasIndex(s => new { s.CompanyId, s.Address }).IsUnique();
    }
}
