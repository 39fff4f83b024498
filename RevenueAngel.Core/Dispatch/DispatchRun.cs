namespace RevenueAngel.Core.Dispatch;

/// What one dispatcher pass did with the sends it claimed (and the leases it found expired after a call).
public sealed record DispatchRun(int Sent, int Deferred, int Retrying, int Failed, int Canceled, int Unknown)
{
    public static DispatchRun Empty { get; } = new(0, 0, 0, 0, 0, 0);

    public DispatchRun Plus(DispatchRun other) => new(Sent + other.Sent, Deferred + other.Deferred, Retrying + other.Retrying,
        Failed + other.Failed, Canceled + other.Canceled, Unknown + other.Unknown);

    public DispatchRun Add(SendOutcome outcome) => outcome switch
    {
        SendOutcome.Sent => this with { Sent = Sent + 1 },
        SendOutcome.Deferred => this with { Deferred = Deferred + 1 },
        SendOutcome.Retrying => this with { Retrying = Retrying + 1 },
        SendOutcome.Failed => this with { Failed = Failed + 1 },
        SendOutcome.Canceled => this with { Canceled = Canceled + 1 },
        SendOutcome.Unknown => this with { Unknown = Unknown + 1 },
        _ => this,
    };
}

public enum SendOutcome { Sent, Deferred, Retrying, Failed, Canceled, Unknown, Skipped }
