namespace RevenueAngel.Web.Access;

/// Who is using this request or circuit: the Whop user of a verified `x-whop-user-token`, or nobody.
/// Scoped: the HTTP request's instance is filled by WhopAuthenticationMiddleware, the circuit's by CircuitIdentity.
public sealed class WhopSession
{
    public const string HttpItemKey = "RevenueAngel.WhopUserId";

    public string? UserId { get; private set; }

    public void SignIn(string userId)
    {
        if (UserId is not null && UserId != userId)
            throw new InvalidOperationException("A session belongs to one Whop user.");
        UserId = userId;
    }
}
