using System.Text;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Telemetry;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Dispatch;

/// Delivers one rendered message to one Whop user: a push notification through our app's experience (the tap
/// opens the experience at <c>rest_path</c>), or a direct message in the company's support chat with them.
/// The idempotency key makes a retried request land once on Whop's side too.
public sealed class WhopMessenger(WhopClient whop, RevenueAngelMetrics metrics)
{
    public async Task<string?> DeliverAsync(MessageChannel channel, string companyId, string? experienceId, string whopUserId,
        RenderedMessage message, string restPath, string idempotencyKey, CancellationToken ct)
    {
        var tag = channel == MessageChannel.Push ? "push" : "dm";
        try
        {
            var id = await CallAsync(channel, companyId, experienceId, whopUserId, message, restPath, idempotencyKey, ct);
            metrics.SendTried(tag, "sent");
            return id;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            metrics.SendTried(tag, e is WhopApiException { StatusCode: System.Net.HttpStatusCode.TooManyRequests } ? "rate_limited" : "failed");
            throw;
        }
    }

    private async Task<string?> CallAsync(MessageChannel channel, string companyId, string? experienceId, string whopUserId,
        RenderedMessage message, string restPath, string idempotencyKey, CancellationToken ct)
    {
        if (channel == MessageChannel.Push)
        {
            if (experienceId is null)
                throw new WhopDeliveryException("Push needs RevenueAngel added to a product as an experience; none is known for this company yet.");
            await whop.SendNotificationAsync(new NotificationRequest(message.Title, message.Body, ExperienceId: experienceId,
                UserIds: [whopUserId], RestPath: restPath), idempotencyKey, ct);
            return null;
        }
        var channelInfo = await whop.CreateSupportChannelAsync(companyId, whopUserId, ct);
        var sent = await whop.SendMessageAsync(channelInfo.Id, Markdown(message), idempotencyKey, ct);
        return sent.Id;
    }

    /// A test of a draft to the creator: a notification to the company's team narrowed to them.
    public Task SendTestAsync(string companyId, string whopUserId, RenderedMessage message, CancellationToken ct) =>
        whop.SendNotificationAsync(new NotificationRequest($"[Test] {message.Title}", message.Body, CompanyId: companyId, UserIds: [whopUserId]),
            null, ct);

    public static string Markdown(RenderedMessage message)
    {
        var text = new StringBuilder().Append("**").Append(message.Title).Append("**\n\n").Append(message.Body);
        if (message.CtaLabel is { } label && message.CtaUrl is { } url) text.Append("\n\n[").Append(label).Append("](").Append(url).Append(')');
        return text.ToString();
    }
}

/// A message that cannot be delivered as configured; retrying would not help.
public sealed class WhopDeliveryException(string message) : Exception(message);
