using Microsoft.Extensions.Options;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Messaging;

public sealed class LiquidTemplatesTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private readonly LiquidTemplates _templates = new(Options.Create(new MessagingOptions()));

    private static MessageTemplate Template(string title, string body, string? ctaLabel = null, string? ctaUrl = null) =>
        new() { CompanyId = "biz_1", Name = "t", Title = title, Body = body, CtaLabel = ctaLabel, CtaUrl = ctaUrl };

    [Fact]
    public async Task EveryDefaultPlaybookTemplateIsValid()
    {
        await using var core = await CoreHost.StartSqliteAsync(TestSettings.Production(null));
        await using var db = core.CreateDbContext();
        await DefaultPlaybooks.InstallAsync(db, await NewCompanyAsync(db), DateTimeOffset.UtcNow, enabled: false, Xunit.TestContext.Current.CancellationToken);

        foreach (var template in db.MessageTemplates.ToList())
            Assert.True(_templates.Validate(template, Ct).Count == 0, $"{template.Name}: {string.Join("; ", _templates.Validate(template, Ct))}");
    }

    [Fact]
    public void AnUnknownVariableIsNamedWithItsLineAndTheLikelyIntendedOne()
    {
        var problems = _templates.Validate(Template("Hi", "Hello,\n\nwelcome back {{ frist_name }}!"), Ct);

        var problem = Assert.Single(problems);
        Assert.Equal(("body", 3), (problem.Field, problem.Line));
        Assert.Contains("Unknown variable 'frist_name'. Did you mean 'first_name'?", problem.Message);
    }

    [Fact]
    public void AVariableInsideABranchNotTakenIsStillChecked()
    {
        var problems = _templates.Validate(Template("Hi", "{% if plan_name == 'Pro' %}{{ secret_discount }}{% else %}Hi{% endif %}"), Ct);

        Assert.Contains(problems, p => p.Message.StartsWith("Unknown variable 'secret_discount'", StringComparison.Ordinal));
    }

    [Fact]
    public void ASyntaxErrorSaysWhatAndWhere()
    {
        var problem = Assert.Single(_templates.Validate(Template("Hi {{ first_name", "Body"), Ct));

        Assert.Equal(("title", 1), (problem.Field, problem.Line));
        Assert.DoesNotContain("at (", problem.Message);
        Assert.NotEmpty(problem.Message);
    }

    [Theory]
    [InlineData("{% for i in (1..3) %}x{% endfor %}", "for")]
    [InlineData("{% assign plan_name = 'Free' %}", "assign")]
    [InlineData("{% include 'secrets' %}", "include")]
    public void TagsBeyondConditionalsAreRejected(string body, string tag)
    {
        var problems = _templates.Validate(Template("Hi", body), Ct);

        Assert.Contains(problems, p => p.Message.Contains($"{{% {tag} %}} tag is not available", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownFilterIsRejected()
    {
        var problem = Assert.Single(_templates.Validate(Template("Hi", "{{ first_name | shout }}"), Ct));

        Assert.Equal("Unknown filter 'shout'.", problem.Message);
    }

    [Fact]
    public void ATitleTooLongOnceFilledInAndALinkThatIsNotAUrlAreRejected()
    {
        var problems = _templates.Validate(Template(new string('x', 70) + " {{ community_name }}", "Body", "Go", "{{ first_name }}"), Ct);

        Assert.Contains(problems, p => p.Field == "title" && p.Message.Contains("at most 80 characters"));
        Assert.Contains(problems, p => p.Field == "cta_url" && p.Message.Contains("'Maya' is not"));
    }

    [Fact]
    public void ALabelWithoutALinkIsRejected() =>
        Assert.Contains(_templates.Validate(Template("Hi", "Body", ctaLabel: "Upgrade"), Ct), p => p.Message.Contains("needs both a label and a link"));

    [Fact]
    public async Task RenderingFillsVariablesUsesFallbacksAndKeepsTextAsTyped()
    {
        var template = Template("{{ first_name }}, your {{ plan_name }} payment failed", "Card ending {{ card_last4 }} & co.",
            "Update", "{{ update_payment_url }}");

        var rendered = await _templates.RenderAsync(template, new Dictionary<string, string?>
        {
            ["first_name"] = null, ["plan_name"] = "Pro", ["update_payment_url"] = "https://whop.com/billing/manage/mber_1/",
        }, Ct);

        Assert.Equal("there, your Pro payment failed", rendered.Title);
        Assert.Equal("Card ending on file & co.", rendered.Body);
        Assert.Equal(("Update", "https://whop.com/billing/manage/mber_1/"), (rendered.CtaLabel, rendered.CtaUrl));
    }

    [Fact]
    public async Task AVariableWithoutValueOrFallbackStopsTheRenderInsteadOfSendingABlank()
    {
        var template = Template("Upgrade to {{ upgrade_plan_name }}", "Only {{ upgrade_plan_price }}");

        var error = await Assert.ThrowsAsync<TemplateRenderException>(() =>
            _templates.RenderAsync(template, new Dictionary<string, string?> { ["upgrade_plan_name"] = "Pro" }, Ct));

        Assert.Contains("upgrade_plan_price", error.Message);
    }

    [Fact]
    public async Task ValuesAreInsertedAsTextNeverAsLiquid()
    {
        var rendered = await _templates.RenderAsync(Template("Hi {{ first_name }}", "Body"),
            new Dictionary<string, string?> { ["first_name"] = "{{ community_name }}" }, Ct);

        Assert.Equal("Hi { community_name }", rendered.Title);
    }

    [Fact]
    public async Task ALongRealValueIsCutToTheNotificationLimitNotSentOverIt()
    {
        var rendered = await _templates.RenderAsync(Template("Welcome to {{ community_name }}", "Body"),
            new Dictionary<string, string?> { ["community_name"] = new string('C', 200) }, Ct);

        Assert.Equal(80, rendered.Title.Length);
        Assert.EndsWith("…", rendered.Title);
    }

    private static async Task<string> NewCompanyAsync(RevenueAngelDbContext db)
    {
        var graph = await TestGraph.CreateAsync(db);
        return graph.Company.Id;
    }
}
