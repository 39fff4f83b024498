using CsvHelper;
using RevenueAngel.Core.Analytics;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Web.Endpoints;

/// The columns of the CSV exports. Enums are written as the API writes them ("first_purchase"), instants in ISO 8601 UTC.
public static class ExportColumns
{
    public static readonly string[] Conversions =
    [
        "id", "created_at", "whop_payment_id", "member_whop_user_id", "member_name", "type", "revenue_cents", "adjustment_cents",
        "net_revenue_cents", "currency", "attribution_method", "attribution_window_days", "attributed_send_id", "playbook", "step",
        "state", "recovered_by",
    ];

    public static readonly string[] Sends =
    [
        "id", "playbook", "step", "enrollment_id", "status", "scheduled_for", "sent_at", "clicked_at", "click_count", "variant", "title", "channel",
    ];

    public static void WriteConversion(CsvWriter csv, ConversionExportRow row)
    {
        csv.WriteField(row.Id, default);
        csv.WriteField(row.CreatedAt, default);
        csv.WriteField(row.WhopPaymentId);
        csv.WriteField(row.MemberWhopUserId);
        csv.WriteField(row.MemberName);
        csv.WriteField(StoredEnum<ConversionType>.ToText(row.Type));
        csv.WriteField(row.RevenueCents, default);
        csv.WriteField(row.AdjustmentCents, default);
        csv.WriteField(row.NetRevenueCents, default);
        csv.WriteField(row.Currency);
        csv.WriteField(StoredEnum<AttributionMethod>.ToText(row.AttributionMethod));
        csv.WriteField(row.AttributionWindowDays, default);
        csv.WriteField(row.AttributedSendId, default);
        csv.WriteField(row.Playbook);
        csv.WriteField(row.StepPosition, default);
        csv.WriteField(StoredEnum<ConversionState>.ToText(row.State));
        csv.WriteField(row.RecoveredBy is { } source ? StoredEnum<RecoverySource>.ToText(source) : "");
    }

    public static void WriteSend(CsvWriter csv, SendExportRow row)
    {
        csv.WriteField(row.Id, default);
        csv.WriteField(row.Playbook);
        csv.WriteField(row.StepPosition, default);
        csv.WriteField(row.EnrollmentId, default);
        csv.WriteField(StoredEnum<SendStatus>.ToText(row.Status));
        csv.WriteField(row.ScheduledFor, default);
        csv.WriteField(row.SentAt, default);
        csv.WriteField(row.ClickedAt, default);
        csv.WriteField(row.ClickCount, default);
        csv.WriteField(row.Variant);
        csv.WriteField(row.Title);
        csv.WriteField(StoredEnum<Core.Messaging.MessageChannel>.ToText(row.Channel));
    }
}
