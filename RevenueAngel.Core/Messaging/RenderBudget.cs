using Fluid;

namespace RevenueAngel.Core.Messaging;

/// What one render may spend: characters per value (a field's output, or anything a filter builds on the way) and
/// time for the whole message. Checked while rendering, so a template that would grow without bound stops at
/// the limit instead of after it has used the memory.
internal sealed class RenderBudget(int maxChars, TimeSpan timeout, TimeProvider time, CancellationToken ct)
{
    private const string Key = "ra_render_budget";
    private readonly long _started = time.GetTimestamp();

    public int MaxChars => maxChars;

    /// The field being rendered, for the problem's place.
    public string Field { get; set; } = "";

    public static RenderBudget Of(TemplateContext context) =>
        context.AmbientValues.TryGetValue(Key, out var budget) ? (RenderBudget)budget
            : throw new InvalidOperationException("A message template renders only through LiquidTemplates.");

    public void AttachTo(TemplateContext context) => context.AmbientValues[Key] = this;

    public void Check()
    {
        ct.ThrowIfCancellationRequested();
        if (time.GetElapsedTime(_started) > timeout)
            throw new TemplateRenderException($"Takes longer than {timeout.TotalMilliseconds:0} ms to render; simplify the filters.", Field, timedOut: true);
    }

    /// A value of <paramref name="length"/> characters is about to exist.
    public void Allow(long length)
    {
        Check();
        if (length > maxChars) throw new TemplateRenderException($"Renders more than {maxChars:N0} characters; shorten it or use fewer filters.", Field);
    }
}
