using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Drafting;

/// A whole playbook proposed for a creator's goal, valid by the same rules as a saved one.
/// <param name="Reason">Why the library's blueprint was offered instead of the model's proposal.</param>
public sealed record PlaybookProposal(PlaybookDraft Draft, DraftSource Source, string? Reason);
