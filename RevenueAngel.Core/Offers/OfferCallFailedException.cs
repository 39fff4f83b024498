namespace RevenueAngel.Core.Offers;

internal sealed class OfferCallFailedException(string message) : Exception(message);
