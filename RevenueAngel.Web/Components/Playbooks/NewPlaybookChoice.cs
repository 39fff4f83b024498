using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Web.Components.Playbooks;

/// <param name="LibraryKey">A PlaybookLibrary blueprint, or null to start blank.</param>
public sealed record NewPlaybookChoice(string? LibraryKey, MessageTone Tone);
