using RevenueAngel.Core.Offers;

namespace RevenueAngel.Web.Components.Offers;

/// What an offer gives and did, in the member's words.
public static class OfferText
{
    public static string Headline(OfferView offer) => offer.Kind switch
    {
        OfferKind.Pause => "Take a break instead of leaving",
        OfferKind.FreeDays => "A few days on us",
        OfferKind.Discount => "A better price to stay",
        _ => "A plan that fits better",
    };

    public static string Terms(OfferView offer) => offer.Kind switch
    {
        OfferKind.Pause => $"Pause your membership for {Days(offer.PauseDays)}: no charges while paused, and it picks up where you left off.",
        OfferKind.FreeDays => $"{Days(offer.FreeDays)} added to your membership for free.",
        OfferKind.Discount => $"{offer.DiscountPercent}% off your next renewal.",
        _ => $"Switch to {offer.DowngradePlanTitle ?? "a cheaper plan"}.",
    };

    public static string Done(OfferView offer) => offer.Kind switch
    {
        OfferKind.Pause => offer.ResumeAt is { } at ? $"Your membership is paused until {at:MMM d, yyyy}." : "Your membership is paused.",
        OfferKind.FreeDays => $"{Days(offer.FreeDays)} were added to your membership.",
        OfferKind.Discount => $"Your {offer.DiscountPercent}% discount is ready for your next renewal.",
        _ => $"Your checkout for {offer.DowngradePlanTitle ?? "the new plan"} is ready.",
    };

    private static string Days(int? days) => days == 1 ? "1 day" : $"{days} days";
}
