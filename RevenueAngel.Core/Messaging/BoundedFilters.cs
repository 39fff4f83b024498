using Fluid;
using Fluid.Values;

namespace RevenueAngel.Core.Messaging;

/// Fluid's filters, each checked against the render's budget: before it runs where its result could be many times
/// its input (replace, join), and on what it returns. A filter that fails (a division by zero, a bad argument) is
/// a template problem, not a crash.
internal static class BoundedFilters
{
    /// Their output is not bounded by their input: a short format such as "D999999999" builds a gigabyte.
    private static readonly string[] Unbounded = ["format_number", "format_string"];

    public static TemplateOptions Sandbox()
    {
        var options = new TemplateOptions { MaxSteps = 10_000, MaxRecursion = 10, StrictFilters = true };
        foreach (var name in Unbounded) options.Filters.Remove(name);
        foreach (var (name, filter) in options.Filters.ToList()) options.Filters.AddFilter(name, Bounded(name, filter));
        return options;
    }

    private static FilterDelegate Bounded(string name, FilterDelegate filter) => async (input, arguments, context) =>
    {
        var budget = RenderBudget.Of(context);
        budget.Allow(Estimate(name, input, arguments, context));
        FluidValue result;
        try
        {
            result = await filter(input, arguments, context);
        }
        catch (Exception e) when (e is not TemplateRenderException and not OperationCanceledException)
        {
            throw new TemplateRenderException($"The {name} filter failed: {e.Message}", budget.Field);
        }
        budget.Allow(result switch
        {
            StringValue text => text.ToStringValue().Length,
            ArrayValue array => array.Values.Count,
            _ => 0,
        });
        return result;
    };

    /// The size the filter's result can reach, where that can be far more than its input.
    private static long Estimate(string name, FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        switch (name)
        {
            case "replace":
                var text = input.ToStringValue();
                var (find, with) = (arguments.At(0).ToStringValue(), arguments.At(1).ToStringValue());
                return find.Length == 0 ? text.Length : text.Length + (long)Occurrences(text, find) * Math.Max(0, with.Length - find.Length);
            case "join" when input.Type == FluidValues.Array:
                var items = input.Enumerate(context).ToList();
                return items.Sum(i => (long)i.ToStringValue().Length) + (long)Math.Max(0, items.Count - 1) * arguments.At(0).ToStringValue().Length;
            default:
                return 0;
        }
    }

    private static int Occurrences(string text, string find)
    {
        var count = 0;
        for (var at = text.IndexOf(find, StringComparison.Ordinal); at >= 0; at = text.IndexOf(find, at + find.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
