namespace RevenueAngel.Core.Attribution;

public enum ConversionType
{
    FirstPurchase,
    Upgrade,
    /// A failed payment recovered.
    Recovery,
    /// A cancellation withdrawn.
    Save,
}
