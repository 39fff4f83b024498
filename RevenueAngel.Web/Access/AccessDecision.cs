namespace RevenueAngel.Web.Access;

public enum AccessDecision
{
    Allowed,
    /// No verified Whop user: open the app from Whop (401).
    SignInRequired,
    /// A verified user without the required access (403).
    Forbidden,
}
