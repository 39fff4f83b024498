namespace RevenueAngel.Core.Email;

/// An email as rendered for one person: the HTML part, the plain-text part and the subject line.
public sealed record EmailContent(string Subject, string Html, string Text, string? Preheader);
