using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace RevenueAngel.Core.Messaging;

/// Message templates in Liquid (Fluid), sandboxed: text, `{{ variable | filter }}` and conditionals over the
/// documented variables (MessageVariables) and no other tag. Problems are found when a template is saved,
/// with their line; a render never produces a blank or a raw `{{ }}`, and stops within its budget of characters
/// and time (MessagingOptions).
public sealed partial class LiquidTemplates(IOptions<MessagingOptions> options, TimeProvider? time = null) : IDisposable
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Sandbox = BoundedFilters.Sandbox();
    private readonly MemoryCache _parsed = new(new MemoryCacheOptions { SizeLimit = options.Value.TemplateCacheSize });
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    // Conditionals only: a notification needs no loops, assignments or includes.
    private static readonly HashSet<string> AllowedStatements =
    [
        nameof(TextSpanStatement), nameof(OutputStatement), nameof(IfStatement), nameof(ElseIfStatement),
        nameof(ElseStatement), nameof(UnlessStatement), nameof(CaseStatement), nameof(WhenStatement),
        nameof(CommentStatement), nameof(RawStatement),
    ];

    /// Parsed templates held now; never more than MessagingOptions.TemplateCacheSize.
    internal int CachedTemplates => _parsed.Count;

    public IReadOnlyList<TemplateProblem> Validate(MessageTemplate template, CancellationToken ct = default, MessageChannel channel = MessageChannel.Push)
    {
        var problems = new List<TemplateProblem>();
        foreach (var (field, source) in Fields(template))
        {
            if (source.Length > MessageTemplate.MaxSourceLength(field))
            {
                problems.Add(new TemplateProblem(field, 1, $"At most {MessageTemplate.MaxSourceLength(field):N0} characters; this has {source.Length:N0}."));
                continue;
            }
            if (!Parser.TryParse(source, out var parsed, out var error))
            {
                problems.Add(new TemplateProblem(field, ParseErrorLine(error), FirstLine(error)));
                continue;
            }
            problems.AddRange(Inspect(field, source, parsed));
        }
        if (string.IsNullOrWhiteSpace(template.Title)) problems.Add(new TemplateProblem("title", 1, "A title is required."));
        if (string.IsNullOrWhiteSpace(template.Body)) problems.Add(new TemplateProblem("body", 1, "A body is required."));
        if (string.IsNullOrWhiteSpace(template.CtaLabel) != string.IsNullOrWhiteSpace(template.CtaUrl))
            problems.Add(new TemplateProblem("cta_url", 1, "A call to action needs both a label and a link."));
        return problems.Count > 0 ? problems : CheckSampleRender(template, channel, ct);
    }

    /// Renders for one subject. Variables missing from <paramref name="values"/> take their fallback; one with
    /// neither stops the render (TemplateRenderException) rather than leave a blank, and so does a render past its
    /// budget or a call to action that is not an http(s) address for this subject.
    public async Task<RenderedMessage> RenderAsync(MessageTemplate template, IReadOnlyDictionary<string, string?> values, CancellationToken ct = default,
        MessageChannel channel = MessageChannel.Push)
    {
        var full = await RenderFullAsync(template, values, ct);
        if (full.CtaUrl is { } url && !SafeLinks.IsWebAddress(url))
            throw new TemplateRenderException($"The link renders as '{Clip(url)}' for this member, not an http(s) address; not sent.", "cta_url");
        var (titleMax, bodyMax) = Limits(channel);
        return full with { Title = Fit(full.Title, titleMax), Body = Fit(full.Body, bodyMax) };
    }

    private async Task<RenderedMessage> RenderFullAsync(MessageTemplate template, IReadOnlyDictionary<string, string?> values, CancellationToken ct)
    {
        var budget = new RenderBudget(options.Value.MaxRenderedChars, TimeSpan.FromMilliseconds(options.Value.RenderTimeoutMs), _time, ct);
        var context = new TemplateContext(Sandbox);
        budget.AttachTo(context);
        foreach (var variable in MessageVariables.All)
        {
            var value = values.GetValueOrDefault(variable.Name);
            if (string.IsNullOrWhiteSpace(value)) value = variable.Fallback;
            // A member's own text (a name) is inserted as text; braces in it must not read as Liquid in the output.
            if (value is not null) context.SetValue(variable.Name, WithoutMarkup(value));
        }
        var missing = Fields(template)
            .SelectMany(f => ReferencedVariables(Parse(f.Source)))
            .Where(name => context.GetValue(name).IsNil())
            .Distinct()
            .ToList();
        if (missing.Count > 0)
            throw new TemplateRenderException($"No value for {string.Join(", ", missing)} for this member; not sent to avoid a blank.");

        var title = await RenderFieldAsync("title", template.Title, context, budget);
        var body = await RenderFieldAsync("body", template.Body, context, budget);
        var ctaLabel = template.CtaLabel is null ? null : await RenderFieldAsync("cta_label", template.CtaLabel, context, budget);
        var ctaUrl = template.CtaUrl is null ? null : await RenderFieldAsync("cta_url", template.CtaUrl, context, budget);
        var preheader = template.Preheader is null ? null : await RenderFieldAsync("preheader", template.Preheader, context, budget);
        return new RenderedMessage(title, body, ctaLabel, ctaUrl, preheader);
    }

    /// A phone shows a short notification; an email's subject and Markdown body may be longer.
    private (int Title, int Body) Limits(MessageChannel channel) => channel == MessageChannel.Email
        ? (MessageTemplate.TitleMaxLength, options.Value.EmailBodyMaxLength)
        : (options.Value.TitleMaxLength, options.Value.BodyMaxLength);

    private IReadOnlyList<TemplateProblem> CheckSampleRender(MessageTemplate template, MessageChannel channel, CancellationToken ct)
    {
        RenderedMessage rendered;
        try
        {
            rendered = RenderFullAsync(template, MessageVariables.Samples, ct).GetAwaiter().GetResult();
        }
        catch (TemplateRenderException e)
        {
            return [new TemplateProblem(e.Field ?? "body", 1, e.Message)];
        }
        var problems = new List<TemplateProblem>();
        var (titleMax, bodyMax) = Limits(channel);
        if (rendered.Title.Length > titleMax)
            problems.Add(new TemplateProblem("title", 1, $"Too long: at most {titleMax} characters once filled in."));
        if (rendered.Body.Length > bodyMax)
            problems.Add(new TemplateProblem("body", 1, $"Too long: at most {bodyMax} characters once filled in."));
        if (rendered.CtaUrl is { } url && !SafeLinks.IsWebAddress(url))
            problems.Add(new TemplateProblem("cta_url", 1, $"The link must be a full https:// address or a link variable; '{Clip(url)}' is not."));
        return problems;
    }

    private async Task<string> RenderFieldAsync(string field, string source, TemplateContext context, RenderBudget budget)
    {
        budget.Field = field;
        using var writer = new BoundedWriter(budget);
        try
        {
            await Parse(source).RenderAsync(writer, NullEncoder.Default, context);
        }
        catch (Exception e) when (e is not TemplateRenderException and not OperationCanceledException)
        {
            // Fluid's own refusals (a filter no longer available to a template saved before): the send fails with
            // the reason instead of being retried forever.
            throw new TemplateRenderException($"Cannot render: {e.Message}", field);
        }
        budget.Check();
        var text = writer.ToString().Trim();
        if (text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal))
            throw new TemplateRenderException("The message still contains Liquid markup after rendering; not sent.", field);
        return text;
    }

    private IFluidTemplate Parse(string source)
    {
        if (_parsed.TryGetValue(source, out IFluidTemplate? cached)) return cached!;
        if (!Parser.TryParse(source, out var parsed, out var error))
            throw new TemplateRenderException($"The template does not parse: {FirstLine(error)}");
        using (var entry = _parsed.CreateEntry(source)) entry.SetValue(parsed).SetSize(1);
        return parsed;
    }

    public void Dispose() => _parsed.Dispose();

    private static IEnumerable<TemplateProblem> Inspect(string field, string source, IFluidTemplate parsed)
    {
        foreach (var node in Nodes(parsed))
        {
            switch (node)
            {
                case Statement statement when !AllowedStatements.Contains(statement.GetType().Name):
                    var tag = TagName(statement.GetType().Name);
                    yield return new TemplateProblem(field, LineOf(source, tag), $"The {{% {tag} %}} tag is not available in messages; use text, variables and if/unless.");
                    break;
                case FilterExpression filter when !Sandbox.Filters.TryGetValue(filter.Name, out _):
                    yield return new TemplateProblem(field, LineOf(source, filter.Name), $"Unknown filter '{filter.Name}'.");
                    break;
                case MemberExpression { Segments: [IdentifierSegment root, ..] } when !MessageVariables.ByName.ContainsKey(root.Identifier):
                    yield return new TemplateProblem(field, LineOf(source, root.Identifier), UnknownVariable(root.Identifier));
                    break;
            }
        }
    }

    private static IEnumerable<string> ReferencedVariables(IFluidTemplate parsed) =>
        Nodes(parsed).OfType<MemberExpression>().Select(m => m.Segments.FirstOrDefault()).OfType<IdentifierSegment>().Select(s => s.Identifier);

    /// Every AST node, found through the public properties Fluid exposes its children by.
    private static IEnumerable<object> Nodes(object root)
    {
        var pending = new Stack<object>([root]);
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        while (pending.TryPop(out var node))
        {
            if (!seen.Add(node)) continue;
            yield return node;
            if (node is IEnumerable children and not string)
                foreach (var child in children) if (child is not null && IsAst(child)) pending.Push(child);
            foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0) continue;
                var value = property.GetValue(node);
                if (value is IEnumerable list and not string)
                    foreach (var child in list) { if (child is not null && IsAst(child)) pending.Push(child); }
                else if (value is not null && IsAst(value)) pending.Push(value);
            }
        }
    }

    private static bool IsAst(object value) => value.GetType().Namespace is { } ns && (ns.StartsWith("Fluid.Ast", StringComparison.Ordinal) || ns == "Fluid.Parser");

    private static string UnknownVariable(string name)
    {
        var closest = MessageVariables.All.MinBy(v => Distance(v.Name, name))!;
        var hint = Distance(closest.Name, name) <= 3 ? $" Did you mean '{closest.Name}'?" : "";
        return $"Unknown variable '{name}'.{hint} Available: {string.Join(", ", MessageVariables.All.Select(v => v.Name))}.";
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return row[b.Length];
    }

    private static IEnumerable<(string Field, string Source)> Fields(MessageTemplate template)
    {
        yield return ("title", template.Title ?? "");
        yield return ("body", template.Body ?? "");
        if (template.CtaLabel is not null) yield return ("cta_label", template.CtaLabel);
        if (template.CtaUrl is not null) yield return ("cta_url", template.CtaUrl);
        if (template.Preheader is not null) yield return ("preheader", template.Preheader);
    }

    private static int LineOf(string source, string token)
    {
        var index = source.IndexOf(token, StringComparison.Ordinal);
        return index < 0 ? 1 : source.AsSpan(0, index).Count('\n') + 1;
    }

    private static int ParseErrorLine(string error) =>
        PositionInError().Match(error) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;

    private static string FirstLine(string error) => PositionInError().Replace(error.Split('\n')[0], "").Trim();

    private static string TagName(string statementType) => statementType.Replace("Statement", "").ToLowerInvariant();

    private static string WithoutMarkup(string value) =>
        value.Replace("{{", "{").Replace("}}", "}").Replace("{%", "{").Replace("%}", "}");

    private static string Clip(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static string Fit(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    [GeneratedRegex(@"at \((\d+):\d+\)")]
    private static partial Regex PositionInError();
}
