using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Messaging;

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.Property(t => t.CompanyId).HasMaxLength(64);
        builder.Property(t => t.Name).HasMaxLength(MessageTemplate.NameMaxLength);
        builder.Property(t => t.Tone).HasStoredEnum();
        builder.Property(t => t.Title).HasMaxLength(MessageTemplate.TitleMaxLength);
        builder.Property(t => t.Body).HasMaxLength(MessageTemplate.BodyMaxLength);
        builder.Property(t => t.CtaLabel).HasMaxLength(MessageTemplate.CtaLabelMaxLength);
        builder.Property(t => t.CtaUrl).HasMaxLength(MessageTemplate.CtaUrlMaxLength);
        builder.Property(t => t.Preheader).HasMaxLength(MessageTemplate.PreheaderMaxLength);
        builder.HasOne<Company>().WithMany().HasForeignKey(t => t.CompanyId);
        builder.HasIndex(t => t.CompanyId);
    }
}
