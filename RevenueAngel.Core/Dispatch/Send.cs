using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Core.Dispatch;

/// One message of one step to one enrolled subject: scheduled → sending → sent | failed | canceled | unknown.
public sealed class Send
{
    public long Id { get; init; }
    public required string CompanyId { get; init; }
    public long PlaybookId { get; init; }
    public long StepId { get; init; }
    public long EnrollmentId { get; init; }
    /// The step's channel when scheduled; the one it went out on once sent (a step's fallback may take over).
    public MessageChannel Channel { get; private set; }
    public SendStatus Status { get; private set; } = SendStatus.Scheduled;
    public DateTimeOffset ScheduledFor { get; private set; }
    public DateTimeOffset? LeaseExpiresAt { get; private set; }
    /// When the current call to Whop began: set just before the call, cleared when the send goes back to
    /// `scheduled`. A lease that expires while it is set means Whop may have the message (`unknown`); without it
    /// Whop was never called and the send is simply due again.
    public DateTimeOffset? CallStartedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    /// Calls to Whop made for this send (a deferral for quiet hours or the cap is not one).
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    /// What the member received, rendered at send time.
    public string? Title { get; private set; }
    public string? Body { get; private set; }
    public string? CtaLabel { get; private set; }
    /// Where this message's call to action leads; a click redirect may only ever send a member here.
    public string? CtaUrl { get; private set; }
    /// Whop's id for what was delivered (message id), when it returns one.
    public string? ExternalId { get; private set; }
    /// The unguessable key of this send's tracked link (`/r/{token}`, 128 random bits), made when it is rendered.
    public string? ClickToken { get; private set; }
    public DateTimeOffset? ClickedAt { get; private set; }
    public int ClickCount { get; private set; }
    /// The step variant delivered ("A" for the step's own message), chosen when it is rendered.
    public string? Variant { get; private set; }

    public static Send Schedule(string companyId, long playbookId, long stepId, long enrollmentId,
        MessageChannel channel, DateTimeOffset at, string? variant = null) => new()
    {
        CompanyId = companyId,
        PlaybookId = playbookId,
        StepId = stepId,
        EnrollmentId = enrollmentId,
        Channel = channel,
        ScheduledFor = at,
        Variant = variant,
    };

    public void Claim(DateTimeOffset leaseExpiresAt)
    {
        Require(SendStatus.Scheduled, SendStatus.Sending);
        Status = SendStatus.Sending;
        LeaseExpiresAt = leaseExpiresAt;
    }

    /// The step's fallback reaches the subject where its own channel does not.
    public void UseChannel(MessageChannel channel)
    {
        if (Status != SendStatus.Sending) throw new InvalidOperationException($"Send {Id} is {Status}: a channel is chosen while sending.");
        Channel = channel;
    }

    public void UseVariant(string variant)
    {
        if (Status != SendStatus.Sending) throw new InvalidOperationException($"Send {Id} is {Status}: a variant is chosen while sending.");
        Variant = variant;
    }

    /// Whop is about to be called: from here on an unrecorded outcome is `unknown`, never a second message. The lease
    /// is renewed so the call has a whole lease to finish in.
    public void BeginCall(DateTimeOffset at, DateTimeOffset leaseExpiresAt)
    {
        Require(SendStatus.Sending, SendStatus.Sending);
        CallStartedAt = at;
        LeaseExpiresAt = leaseExpiresAt;
    }

    public void MarkSent(DateTimeOffset at, string? externalId, RenderedMessage? message = null)
    {
        Require(SendStatus.Sending, SendStatus.Sent);
        Status = SendStatus.Sent;
        Attempts++;
        (Title, Body, CtaLabel, CtaUrl) = (message?.Title, message?.Body, message?.CtaLabel, message?.CtaUrl);
        SentAt = at;
        ExternalId = externalId;
        LeaseExpiresAt = null;
    }

    /// Frequency cap, quiet hours or a transient error: try again later, never drop.
    public void Defer(DateTimeOffset until, string? reason = null)
    {
        if (Status is not (SendStatus.Scheduled or SendStatus.Sending))
            throw Illegal(SendStatus.Scheduled);
        Status = SendStatus.Scheduled;
        ScheduledFor = until;
        LeaseExpiresAt = null;
        CallStartedAt = null;
        LastError = reason ?? LastError;
    }

    /// A transient Whop error: counts as an attempt and tries again at <paramref name="at"/>.
    public void Retry(DateTimeOffset at, string error)
    {
        Require(SendStatus.Sending, SendStatus.Scheduled);
        Attempts++;
        Defer(at, error);
    }

    /// Given up: Whop refused it, it cannot be rendered, or the retries ran out.
    public void Fail(string error, bool attempted = true)
    {
        Require(SendStatus.Sending, SendStatus.Failed);
        if (attempted) Attempts++;
        Status = SendStatus.Failed;
        LastError = error;
        LeaseExpiresAt = null;
    }

    /// Not needed any more (goal reached, exited, playbook off). A claimed send may still be canceled: the
    /// dispatcher checks before it calls Whop.
    public void Cancel(string? reason = null)
    {
        if (Status is not (SendStatus.Scheduled or SendStatus.Sending)) throw Illegal(SendStatus.Canceled);
        Status = SendStatus.Canceled;
        LeaseExpiresAt = null;
        LastError = reason ?? LastError;
    }

    /// Whop may have delivered it but the outcome cannot be known: never sent again.
    public void MarkUnknown(string reason = "lease expired while sending; not resent to avoid a duplicate")
    {
        Require(SendStatus.Sending, SendStatus.Unknown);
        Status = SendStatus.Unknown;
        LastError = reason;
        LeaseExpiresAt = null;
    }

    public string EnsureClickToken() =>
        ClickToken ??= Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void RecordClick(DateTimeOffset at)
    {
        if (Status is not (SendStatus.Sent or SendStatus.Unknown))
            throw new InvalidOperationException($"Send {Id} is {Status}: a click needs a delivered message.");
        ClickedAt ??= at;
        ClickCount++;
    }

    private void Require(SendStatus from, SendStatus to)
    {
        if (Status != from) throw Illegal(to);
    }

    private InvalidOperationException Illegal(SendStatus to) =>
        new($"Send {Id} is {Status} and cannot become {to}.");
}
