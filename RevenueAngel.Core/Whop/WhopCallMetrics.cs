using System.Diagnostics;
using RevenueAngel.Core.Telemetry;

namespace RevenueAngel.Core.Whop;

/// Times every attempt of a Whop API call (inside the resilience pipeline, so retries and 429s are each seen).
/// The operation is the path's first segment after the API base (`notifications`, `memberships`…): ids never become tags.
internal sealed class WhopCallMetrics(RevenueAngelMetrics metrics, Uri apiBase) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = Operation(request.RequestUri);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            metrics.WhopCalled(operation, (int)response.StatusCode, RevenueAngelMetrics.Since(started));
            return response;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.WhopCalled(operation, null, RevenueAngelMetrics.Since(started));
            throw;
        }
    }

    private string Operation(Uri? uri)
    {
        if (uri is null) return "unknown";
        var path = uri.AbsolutePath;
        var root = apiBase.AbsolutePath.TrimEnd('/');
        if (path.StartsWith(root, StringComparison.Ordinal)) path = path[root.Length..];
        var segment = path.Trim('/').Split('/', 2)[0];
        return segment.Length is > 0 and <= 40 && segment.All(c => char.IsAsciiLetterLower(c) || c is '_' or '-') ? segment : "other";
    }
}
