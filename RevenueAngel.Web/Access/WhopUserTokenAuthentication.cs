using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Web.Access;

/// Authenticates a request by Whop's `x-whop-user-token` (ES256 against Whop's JWKS, reference §1.2). No header is
/// no user; an invalid token fails with its reason, which is logged without the token.
public sealed partial class WhopUserTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggers, UrlEncoder encoder,
    WhopUserTokenValidator tokens, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    public const string SchemeName = "WhopUserToken";
    public const string TokenHeader = "x-whop-user-token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = Request.Headers[TokenHeader].ToString();
        if (token.Length == 0) return AuthenticateResult.NoResult();
        var verified = await tokens.ValidateAsync(token, Context.RequestAborted);
        if (!verified.IsValid)
        {
            LogRejectedToken(verified.Error);
            return AuthenticateResult.Fail(verified.Error ?? "invalid token");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(WhopUser.Create(verified.UserId!, time.GetUtcNow()), SchemeName));
    }

    [LoggerMessage(LogLevel.Information, "Rejected a Whop user token: {Reason}")]
    private partial void LogRejectedToken(string? reason);
}
