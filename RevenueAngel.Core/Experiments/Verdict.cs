namespace RevenueAngel.Core.Experiments;

/// The conclusion shown to the creator, with the rule that produced it.
public sealed record Verdict(VerdictKind Kind, string Text, string Explanation);
