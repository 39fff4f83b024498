using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RevenueAngel.Core.Offers;

internal sealed class OfferCallConfiguration : IEntityTypeConfiguration<OfferCall>
{
    public void Configure(EntityTypeBuilder<OfferCall> builder)
    {
        builder.Property(c => c.Operation).HasMaxLength(64);
        builder.Property(c => c.TargetId).HasMaxLength(64);
        builder.Property(c => c.Error).HasMaxLength(1000);
        builder.HasIndex(c => c.OfferId);
    }
}
