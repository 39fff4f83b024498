using RevenueAngel.Core.Offers;

namespace RevenueAngel.Web.Components.Offers;

/// An offer kind in the creator's words (the editor and the reports).
public static class OfferNames
{
    public static string Of(OfferKind? kind) => kind switch
    {
        null => "No offer",
        OfferKind.Pause => "Pause the membership",
        OfferKind.FreeDays => "Free days",
        OfferKind.Discount => "Discount at next renewal",
        _ => "Downgrade to a cheaper plan",
    };
}
