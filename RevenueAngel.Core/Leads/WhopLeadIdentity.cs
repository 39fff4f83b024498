namespace RevenueAngel.Core.Leads;

/// A Whop user as a lead source sees them: always the user id; the email only with `member:email:read`.
public sealed record WhopLeadIdentity(string WhopUserId, string? Email, string? Name, long? MemberId);
