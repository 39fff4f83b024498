namespace RevenueAngel.Core.Experiments;

/// The messages' revenue beyond what the holdouts show would have come anyway, summed over playbooks, in cents.
public sealed record IncrementalRevenue(double Cents, Interval Interval, int Playbooks);
