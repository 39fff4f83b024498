using System.Text;

namespace RevenueAngel.Core.Messaging;

/// Collects a field's output and stops the render as soon as it passes the budget.
internal sealed class BoundedWriter(RenderBudget budget) : StringWriter(System.Globalization.CultureInfo.InvariantCulture)
{
    private void Grow(int count) => budget.Allow((long)GetStringBuilder().Length + count);

    public override void Write(char value)
    {
        Grow(1);
        base.Write(value);
    }

    public override void Write(string? value)
    {
        Grow(value?.Length ?? 0);
        base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Grow(count);
        base.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Grow(buffer.Length);
        base.Write(buffer);
    }

    public override void Write(StringBuilder? value)
    {
        Grow(value?.Length ?? 0);
        base.Write(value);
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(StringBuilder? value, CancellationToken cancellationToken = default)
    {
        Write(value);
        return Task.CompletedTask;
    }
}
