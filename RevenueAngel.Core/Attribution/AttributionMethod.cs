namespace RevenueAngel.Core.Attribution;

public enum AttributionMethod
{
    None,
    /// The payment carried our checkout link's `ra_send` metadata.
    Exact,
    /// The newest send the member clicked within the window.
    Click,
    /// The newest send delivered within the window.
    Delivery,
}
