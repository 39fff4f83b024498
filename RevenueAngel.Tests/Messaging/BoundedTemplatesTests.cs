using Microsoft.Extensions.Options;
using RevenueAngel.Core.Messaging;

namespace RevenueAngel.Tests.Messaging;

/// The limits a render keeps whatever the template: characters, time, cache, and where its link may lead.
public sealed class BoundedTemplatesTests
{
    /// Issue 10's template bomb: each filter makes the text ten times longer; 8 of them ask for 1,000,000,000 characters.
    private static readonly string Bomb = "{{ \"aaaaaaaaaa\"" + string.Concat(Enumerable.Repeat(" | replace: \"a\", \"aaaaaaaaaa\"", 8)) + " }}";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static LiquidTemplates Templates(Action<MessagingOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new MessagingOptions();
        configure?.Invoke(options);
        return new LiquidTemplates(Options.Create(options), time);
    }

    private static MessageTemplate Template(string title, string body, string? ctaLabel = null, string? ctaUrl = null) =>
        new() { CompanyId = "biz_1", Name = "t", Title = title, Body = body, CtaLabel = ctaLabel, CtaUrl = ctaUrl };

    [Fact]
    public void TheFilterBombIsRefusedAtTheLimitWithoutBuildingItsText()
    {
        using var templates = Templates();
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var problem = Assert.Single(templates.Validate(Template("Hi", Bomb), Ct));

        Assert.Equal("body", problem.Field);
        Assert.Contains("Renders more than 20,000 characters", problem.Message);
        // The whole text would be 2 GB; stopping at the limit allocates a few of its 20,000-character steps.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 50_000_000, "The render built far more than the limit.");
    }

    [Fact]
    public async Task OutputPastTheLimitStopsWhileWritingEvenWhenEachValueIsSmall()
    {
        using var templates = Templates(o => (o.MaxRenderedChars, o.BodyMaxLength) = (4000, 4000));
        // 1,000 characters per output, five outputs: no single value passes the limit, the field does.
        var thousand = "{{ \"aaaaaaaaaa\" | replace: \"a\", \"aaaaaaaaaa\" | replace: \"a\", \"aaaaaaaaaa\" }}";
        var template = Template("Hi", string.Concat(Enumerable.Repeat(thousand, 5)));

        var problem = Assert.Single(templates.Validate(template, Ct));
        Assert.Equal("body", problem.Field);
        Assert.Contains("Renders more than 4,000 characters", problem.Message);
        var error = await Assert.ThrowsAsync<TemplateRenderException>(() => templates.RenderAsync(template, MessageVariables.Samples, Ct));
        Assert.Equal("body", error.Field);

        Assert.Empty(templates.Validate(Template("Hi", string.Concat(Enumerable.Repeat(thousand, 3))), Ct));
    }

    [Fact]
    public void AJoinOverASplitIsBoundedBeforeItRuns()
    {
        using var templates = Templates(o => o.MaxRenderedChars = 4000);
        var separator = new string('x', 1000);

        var problem = Assert.Single(templates.Validate(Template("Hi", $"{{{{ community_name | split: \"\" | join: \"{separator}\" }}}}"), Ct));

        Assert.Contains("Renders more than 4,000 characters", problem.Message);
    }

    [Fact]
    public async Task ARenderPastItsTimeBudgetStopsWithAProblem()
    {
        // Every look at the clock moves it 100 ms: the third filter call is past a 250 ms budget, however fast the machine.
        using var templates = Templates(o => o.RenderTimeoutMs = 250, new SteppingClock(TimeSpan.FromMilliseconds(100)));
        var template = Template("Hi", "{{ first_name | upcase | downcase | upcase | downcase | upcase }}");

        var problem = Assert.Single(templates.Validate(template, Ct));
        Assert.Contains("Takes longer than 250 ms to render", problem.Message);
        await Assert.ThrowsAsync<TemplateRenderException>(() => templates.RenderAsync(template, MessageVariables.Samples, Ct));
    }

    [Fact]
    public async Task ACanceledRenderStopsAtOnce()
    {
        using var templates = Templates();
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            templates.RenderAsync(Template("Hi {{ first_name | upcase }}", "Body"), MessageVariables.Samples, canceled.Token));
    }

    [Fact]
    public async Task TheParseCacheKeepsNoMoreThanItsSize()
    {
        using var templates = Templates(o => o.TemplateCacheSize = 5);

        for (var i = 0; i < 60; i++) Assert.Empty(templates.Validate(Template($"Hi {i}", $"Body {i} {{{{ first_name }}}}"), Ct));

        Assert.InRange(templates.CachedTemplates, 1, 5);
        var rendered = await templates.RenderAsync(Template("Hi 0", "Body 0 {{ first_name }}"), MessageVariables.Samples, Ct);
        Assert.Equal("Body 0 Maya", rendered.Body);
    }

    [Fact]
    public async Task AConditionalScriptLinkPassesTheSampleButIsRefusedForTheMemberItRendersFor()
    {
        using var templates = Templates();
        var template = Template("Hi", "Body", "Open",
            "{% if first_name == 'Eve' %}javascript:alert(1){% else %}https://whop.com/hub{% endif %}");
        Assert.Empty(templates.Validate(template, Ct));

        var error = await Assert.ThrowsAsync<TemplateRenderException>(() =>
            templates.RenderAsync(template, new Dictionary<string, string?>(MessageVariables.Samples) { ["first_name"] = "Eve" }, Ct));

        Assert.Equal("cta_url", error.Field);
        Assert.Contains("not an http(s) address", error.Message);
        Assert.Equal("https://whop.com/hub", (await templates.RenderAsync(template, MessageVariables.Samples, Ct)).CtaUrl);
    }

    [Theory]
    [InlineData("title", 201)]
    [InlineData("body", 4001)]
    [InlineData("cta_label", 61)]
    [InlineData("cta_url", 2001)]
    public void ASourceLongerThanItsColumnIsAProblemOfThatField(string field, int length)
    {
        using var templates = Templates();
        var text = new string('x', length);
        var template = field switch
        {
            "title" => Template(text, "Body"),
            "body" => Template("Hi", text),
            "cta_label" => Template("Hi", "Body", text, "https://whop.com"),
            _ => Template("Hi", "Body", "Go", "https://whop.com/" + text[17..]),
        };

        var problem = Assert.Single(templates.Validate(template, Ct), p => p.Field == field);

        Assert.Contains($"At most {MessageTemplate.MaxSourceLength(field):N0} characters", problem.Message);
    }

    [Theory]
    [InlineData("{{ 10 | divided_by: 0 }}", "divided_by filter failed")]
    [InlineData("{{ 1 | format_number: \"D999999999\" }}", "Unknown filter 'format_number'")]
    [InlineData("{{ \"{{\" }}", "still contains Liquid markup")]
    public void AFilterOrOutputThatCannotRenderIsAProblemNotACrash(string body, string expected)
    {
        using var templates = Templates();

        var problem = Assert.Single(templates.Validate(Template("Hi", body), Ct));

        Assert.Contains(expected, problem.Message);
    }

    [Fact]
    public async Task ATemplateSavedBeforeAFilterWasWithdrawnFailsItsSendWithTheReason()
    {
        using var templates = Templates();

        var error = await Assert.ThrowsAsync<TemplateRenderException>(() =>
            templates.RenderAsync(Template("Hi", "{{ 1 | format_number: \"D999999999\" }}"), MessageVariables.Samples, Ct));

        Assert.Equal("body", error.Field);
        Assert.Contains("format_number", error.Message);
    }

    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, step.Ticks);
    }
}
