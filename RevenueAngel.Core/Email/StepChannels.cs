using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Email;

public static class StepChannels
{
    /// The channel whose length limits a step's message must meet: email's only when every channel it may use is email.
    public static MessageChannel LimitsOf(StepDraft step) =>
        step.Channel == MessageChannel.Email && step.FallbackChannel is null or MessageChannel.Email ? MessageChannel.Email : MessageChannel.Push;
}
