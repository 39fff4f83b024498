namespace RevenueAngel.Core.Experiments;

public enum VerdictKind { NotEnoughData, NoSignificantDifference, ChallengerWins, BaselineWins }
