using RevenueAngel.Core.Drafting;

namespace RevenueAngel.Web.Components.Playbooks.Studio;

/// A playbook saved (switched off) from the creator's goal, and who proposed it.
public sealed record GoalPlaybook(long Id, DraftSource Source, string? Reason);
