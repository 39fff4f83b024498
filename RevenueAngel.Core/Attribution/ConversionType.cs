namespace RevenueAngel.Core.Attribution;

public enum ConversionType
{
    FirstPurchase,
    Upgrade,
    /// A failed payment recovered.
    Recovery,
    /// A cancellation withdrawn; its revenue counts once the next payment confirms it (see ConversionState).
    Save,
    /// A new paid membership of a member whose membership had ended.
    WinBack,
}
