using System.Text.Json;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Demo.ModelFake;
using static RevenueAngel.Tests.Drafting.DraftingScenario;

namespace RevenueAngel.Tests.Drafting;

/// Drafting for an email step knows email's limits: subject and preheader lengths, a Markdown body, no HTML.
public sealed class EmailDraftingTests(DraftingAppFixture fixture) : IClassFixture<DraftingAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private MessageDrafter Drafter => fixture.Get<MessageDrafter>();
    private FakeChatModel Model => fixture.Model.Model;

    private static readonly DraftRequest Welcome = new(PlaybookType.Nurture, StepPurpose.Welcome, MessageTone.Friendly, Channel: MessageChannel.Email);

    private static FakeModelReply EmailDrafts(params (string Title, string Preheader, string Body, string Cta)[] drafts) =>
        new(200, JsonSerializer.Serialize(new
        {
            drafts = drafts.Select(d => new { title = d.Title, preheader = d.Preheader, body = d.Body, cta_label = d.Cta }),
        }));

    [Fact]
    public async Task AnEmailStepAsksForSubjectPreheaderAndMarkdownWithEmailsLimits()
    {
        var (company, _) = await InstalledCompanyAsync(fixture, Ct);
        var body = "Hi {{ first_name }},\n\nThanks for joining the list. Here is what **members** get:\n\n- weekly calls\n- the archive\n\n" +
                   string.Concat(Enumerable.Repeat("More about what the community does every week. ", 12));

        Model.Enqueue(EmailDrafts(("Welcome, {{ first_name }}", "What members get, in one minute", body, "Join now")));
        var draft = Assert.Single(await Drafter.DraftAsync(new CompanyScope(company.CompanyId), Welcome, Ct));

        var request = Assert.Single(Model.Requests);
        var schema = request["response_format"]!["json_schema"]!["schema"]!["properties"]!["drafts"]!["items"]!;
        Assert.Equal(["title", "preheader", "body", "cta_label"], schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        var system = SystemPrompt(request);
        Assert.Contains($"at most {DraftPrompt.EmailSubjectMaxLength} characters", system);
        Assert.Contains($"at most {DraftPrompt.EmailPreheaderMaxLength} characters", system);
        Assert.Contains("Markdown", system);
        Assert.DoesNotContain("no Markdown", system);
        Assert.Contains("Channel: email", UserPrompt(request));
        // Longer than a push may be (500), well within an email's body.
        Assert.True(body.Length > 500);
        Assert.Equal((DraftSource.Model, "What members get, in one minute", body.Trim()), (draft.Source, draft.Preheader, draft.Body));
    }

    [Fact]
    public async Task AnEmailDraftOverTheSubjectLimitOrWithHtmlOrNoPreheaderGoesBackWithTheProblems()
    {
        var (company, _) = await InstalledCompanyAsync(fixture, Ct);
        var longSubject = "A subject line that goes on and on about everything the community offers its members";
        Model.Enqueue(
            EmailDrafts((longSubject, "", "Hi {{ first_name }}, <b>welcome</b>.", "Join")),
            EmailDrafts(("Welcome, {{ first_name }}", "Your first week, planned", "Hi {{ first_name }}, **welcome**.", "Join")));

        var draft = Assert.Single(await Drafter.DraftAsync(new CompanyScope(company.CompanyId), Welcome, Ct));

        Assert.Equal(2, Model.Requests.Count);
        var correction = UserPrompt(Model.Requests[1]);
        Assert.Contains($"a subject of at most {DraftPrompt.EmailSubjectMaxLength} characters", correction);
        Assert.Contains("write the inbox preview line", correction);
        Assert.Contains("no HTML", correction);
        Assert.Equal(("Welcome, {{ first_name }}", "Your first week, planned", DraftSource.Model), (draft.Title, draft.Preheader, draft.Source));
    }

    [Fact]
    public async Task APushStepKeepsPushsLimitsAndSchema()
    {
        var (company, _) = await InstalledCompanyAsync(fixture, Ct);
        Model.Enqueue(Drafts(("Welcome!", string.Concat(Enumerable.Repeat("Too long for a phone. ", 30)), "Join")),
            Drafts(("Welcome!", "Short and sweet.", "Join")));

        var draft = Assert.Single(await Drafter.DraftAsync(new CompanyScope(company.CompanyId), Welcome with { Channel = MessageChannel.Push }, Ct));

        Assert.Equal(2, Model.Requests.Count);
        Assert.Equal(["title", "body", "cta_label"],
            Model.Requests[0]["response_format"]!["json_schema"]!["schema"]!["properties"]!["drafts"]!["items"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("no Markdown", SystemPrompt(Model.Requests[0]));
        Assert.Equal(("Short and sweet.", null), (draft.Body, draft.Preheader));
    }

    [Fact]
    public async Task TheUnscriptedModelWritesAPreheaderThatPassesTheChecks()
    {
        var (company, _) = await InstalledCompanyAsync(fixture, Ct);

        var drafts = await Drafter.DraftToneTestAsync(new CompanyScope(company.CompanyId), Welcome, Ct);

        Assert.Equal(4, drafts.Count);
        Assert.All(drafts, d =>
        {
            Assert.Equal(DraftSource.Model, d.Source);
            Assert.False(string.IsNullOrWhiteSpace(d.Preheader));
            Assert.True(d.Preheader!.Length <= DraftPrompt.EmailPreheaderMaxLength);
        });
    }
}
