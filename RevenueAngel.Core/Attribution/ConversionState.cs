namespace RevenueAngel.Core.Attribution;

/// Whether a conversion's revenue has arrived. Only a save waits: it is pending until the membership's next payment
/// succeeds (confirmed), or lost when the member cancels within the confirmation window first.
public enum ConversionState
{
    Confirmed,
    Pending,
    Lost,
}
