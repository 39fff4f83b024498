using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Webhooks;

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.Property(e => e.WebhookId).HasMaxLength(128);
        // No foreign key: an event may name a company that has not opened the app yet.
        builder.Property(e => e.CompanyId).HasMaxLength(64);
        builder.Property(e => e.EventType).HasMaxLength(100);
        builder.Property(e => e.Status).HasStoredEnum();
        builder.Property(e => e.Error).HasMaxLength(4000);
        builder.HasIndex(e => e.WebhookId).IsUnique();
        // The processor walks pending events in Whop's order; this index keeps each claim from sorting the backlog.
        builder.HasIndex(e => new { e.OccurredAt, e.Id })
            .HasFilter("status IN ('received', 'failed')")
            .HasDatabaseName("ix_webhook_events_pending");
        builder.HasIndex(e => new { e.CompanyId, e.ReceivedAt });
        builder.HasIndex(e => new { e.Status, e.ProcessedAt });
    }
}
