using RevenueAngel.Core.Whop;

namespace RevenueAngel.Web.Access;

/// Signs the request's WhopSession in when it carries a valid `x-whop-user-token`; an invalid token counts
/// as none. Shared by page requests and REST endpoints.
public sealed partial class RequestAuthenticator(WhopUserTokenValidator tokens, WhopSession session, ILogger<RequestAuthenticator> logger)
{
    public const string TokenHeader = "x-whop-user-token";

    public async Task AuthenticateAsync(HttpContext context)
    {
        var token = context.Request.Headers[TokenHeader].ToString();
        if (token.Length == 0) return;
        var verified = await tokens.ValidateAsync(token, context.RequestAborted);
        if (!verified.IsValid)
        {
            LogRejectedToken(verified.Error);
            return;
        }
        session.SignIn(verified.UserId!);
        context.Items[WhopSession.HttpItemKey] = verified.UserId;
    }

    // The reason only: never the token.
    [LoggerMessage(LogLevel.Information, "Rejected a Whop user token: {Reason}")]
    private partial void LogRejectedToken(string? reason);
}
