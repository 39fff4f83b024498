using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Attribution;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Dispatch;

/// Makes a send's links measurable before it goes out: its checkout links become Whop checkout configurations
/// that carry `ra_send`/`ra_playbook` metadata (exact attribution), and its call to action a `/r/{token}` link
/// that records the click and redirects to the send's own target.
public sealed partial class TrackedLinks(WhopClient whop, IOptions<MessagingOptions> options, ILogger<TrackedLinks> logger)
{
    /// Swaps `checkout_url`/`offer_url` for a checkout configuration of the plan; keeps the plain link if Whop refuses.
    /// With <paramref name="offerUrlTaken"/> (the step's save offer owns `offer_url`) only `checkout_url` is swapped.
    public async Task UseTrackedCheckoutAsync(SubjectValues subject, MessageTemplate template, Send send, CancellationToken ct,
        bool offerUrlTaken = false)
    {
        if (subject.CheckoutPlanId is not { } planId || !UsesCheckout(template, offerUrlTaken)) return;
        try
        {
            var configuration = await whop.CreateCheckoutConfigurationAsync(new CheckoutConfigurationRequest(planId, new Dictionary<string, string>
            {
                [CheckoutMetadata.SendKey] = send.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [CheckoutMetadata.PlaybookKey] = send.PlaybookId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }), $"ra-checkout-{send.Id}", ct);
            if (configuration.PurchaseUrl is not { Length: > 0 } url) return;
            subject.Values["checkout_url"] = url;
            if (!offerUrlTaken) subject.Values["offer_url"] = url;
        }
        catch (WhopApiException e)
        {
            LogCheckoutRefused(send.Id, e.Message);
        }
    }

    /// The message as the member gets it: the call to action through `/r/{token}` when the app's public URL is known.
    public RenderedMessage ForDelivery(RenderedMessage message, Send send) =>
        message.CtaUrl is not null && options.Value.PublicBaseUrl is { Length: > 0 } baseUrl
            ? message with { CtaUrl = $"{baseUrl.TrimEnd('/')}/r/{send.EnsureClickToken()}" }
            : message;

    private static bool UsesCheckout(MessageTemplate template, bool offerUrlTaken) =>
        new[] { template.Title, template.Body, template.CtaLabel, template.CtaUrl }
            .Any(field => field is not null && (field.Contains("checkout_url", StringComparison.Ordinal)
                                                || (!offerUrlTaken && field.Contains("offer_url", StringComparison.Ordinal))));

    [LoggerMessage(LogLevel.Warning, "Whop refused a checkout link for send {SendId}; sending the plain link: {Reason}")]
    private partial void LogCheckoutRefused(long sendId, string reason);
}
