namespace RevenueAngel.Core.Companies;

public enum AccessDecision
{
    Allowed,
    /// No verified Whop user: open the app from Whop (401).
    SignInRequired,
    /// A verified user without the required access (403).
    Forbidden,
    /// Whop says the app is not installed on the company, or a permission was not approved (403).
    NotInstalled,
    /// Whop did not answer the check (503); asked again after a short pause.
    WhopUnavailable,
}
