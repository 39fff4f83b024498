namespace RevenueAngel.Core.Drafting;

/// The OpenAI SDK writes a request body once, from its own stream; the resilience pipeline re-sends the same request
/// on a retry. Buffering the body first makes every attempt send it whole.
internal sealed class ReplayableContentHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content and not ByteArrayContent)
        {
            var buffered = new ByteArrayContent(await content.ReadAsByteArrayAsync(cancellationToken));
            foreach (var header in content.Headers) buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            request.Content = buffered;
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
