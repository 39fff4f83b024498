using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Drafting;

/// What to draft: a message for one step purpose of a module, in a tone.
/// <param name="CustomTone">The creator's description of the voice when Tone is Custom.</param>
/// <param name="Variants">How many different drafts (1 to MaxVariants).</param>
/// <param name="GoalPlanId">The plan the playbook sells or upgrades to, for the context.</param>
public sealed record DraftRequest(
    PlaybookType Module,
    StepPurpose Purpose,
    MessageTone Tone,
    string? CustomTone = null,
    int Variants = 1,
    MessageChannel Channel = MessageChannel.Push,
    string? GoalPlanId = null)
{
    public const int MaxVariants = 4;
}

public enum DraftSource
{
    Model,
    Library,
}

/// One drafted message, ready for a step: its link is the purpose's variable, never the model's.
/// <param name="Reason">Why the library answered instead of the model (no model, budget, invalid output, error).</param>
/// <param name="Tone">The tone it is written in (a custom tone without a model falls back to the nearest built-in one).</param>
/// <param name="Preheader">Email drafts: the inbox preview line the model wrote (the library's copy has none).</param>
public sealed record MessageDraft(string Title, string Body, string CtaLabel, string CtaUrl, DraftSource Source, string? Reason, MessageTone Tone,
    string? Preheader = null);
