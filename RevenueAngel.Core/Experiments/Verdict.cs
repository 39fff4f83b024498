namespace RevenueAngel.Core.Experiments;

public enum VerdictKind { NotEnoughData, NoSignificantDifference, ChallengerWins, BaselineWins }

/// The conclusion shown to the creator, with the rule that produced it.
public sealed record Verdict(VerdictKind Kind, string Text, string Explanation);
