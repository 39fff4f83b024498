using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Companies;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.Property(c => c.Id).HasMaxLength(64);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.TimeZone).HasMaxLength(64);
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.WhopExperienceId).HasMaxLength(64);
        builder.Property(c => c.LeadCaptureKey).HasMaxLength(64);
        builder.HasIndex(c => c.LeadCaptureKey).IsUnique();
        builder.Property(c => c.BrandVoice).HasMaxLength(CompanySettings.BrandVoiceMaxLength);
        builder.Property(c => c.EmailSenderName).HasMaxLength(CompanySettings.SenderNameMaxLength);
        builder.Property(c => c.EmailReplyTo).HasMaxLength(320);
        builder.Property(c => c.PostalAddress).HasMaxLength(CompanySettings.PostalAddressMaxLength);
        builder.OwnsOne(c => c.Sync, sync =>
        {
            sync.Property(s => s.Status).HasStoredEnum();
            sync.Property(s => s.Progress).HasMaxLength(200);
            sync.Property(s => s.LastError).HasMaxLength(1000);
            sync.Ignore(s => s.IsDisconnected);
            sync.HasIndex(s => s.RequestedAt);
        });
        builder.Navigation(c => c.Sync).IsRequired();
    }
}
