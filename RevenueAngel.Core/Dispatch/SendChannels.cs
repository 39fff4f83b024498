using RevenueAngel.Core.Email;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Dispatch;

/// A step's channels in order, its own then its fallback ("push, else email"): the first that reaches the subject.
public sealed class SendChannels(EmailReach email, IEmailTransport transport)
{
    public bool EmailIsOn => transport.IsConfigured;

    internal (ChannelRoute? Route, string? Reason) Choose(DispatchBatch batch, Playbook playbook, PlaybookStep step, SubjectKind kind, long subjectId,
        string? whopUserId)
    {
        var reasons = new List<string>();
        foreach (var channel in new[] { step.Channel, step.FallbackChannel }.OfType<MessageChannel>().Distinct())
        {
            if (channel != MessageChannel.Email)
            {
                if (whopUserId is not null) return (new ChannelRoute(channel), null);
                reasons.Add(kind == SubjectKind.Lead ? "the lead has no Whop account to message" : "no Whop account to message");
                continue;
            }
            var (address, why) = email.Address(batch, playbook, kind, subjectId);
            if (address is not null) return (new ChannelRoute(channel, address), null);
            reasons.Add($"email: {why}");
        }
        return (null, string.Join("; ", reasons));
    }

    /// Whether any channel of the step could be email.
    public static bool MayEmail(PlaybookStep step) => step.Channel == MessageChannel.Email || step.FallbackChannel == MessageChannel.Email;
}
