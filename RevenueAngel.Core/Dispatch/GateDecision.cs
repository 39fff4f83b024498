using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Dispatch;

/// What the last checks before Whop decided about one claimed send.
public abstract record GateDecision
{
    /// Deliver it, to this subject, on <paramref name="Route"/> (the step's channel or its fallback).
    public sealed record Go(Company Company, Playbook Playbook, MessageTemplate Template, Recipient Subject, ChannelRoute Route) : GateDecision;

    /// Not needed any more; <paramref name="EndEnrollment"/> when the whole sequence should end with it.
    public sealed record Stop(string Reason, bool EndEnrollment) : GateDecision;

    /// Not now (quiet hours, frequency cap, a higher-priority sequence): try again at <paramref name="Until"/>.
    public sealed record Wait(DateTimeOffset Until, string Reason) : GateDecision;

}

/// <param name="WhopUserId">Null for a lead reached by email only.</param>
public sealed record Recipient(SubjectKind Kind, long Id, string? WhopUserId);
