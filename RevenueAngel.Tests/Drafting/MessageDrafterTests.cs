using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Demo.ModelFake;
using static RevenueAngel.Tests.Drafting.DraftingScenario;

namespace RevenueAngel.Tests.Drafting;

/// The drafter through the OpenAI SDK and our HTTP pipeline against an OpenAI-compatible fake over real HTTP.
public sealed class MessageDrafterTests(DraftingAppFixture fixture) : IClassFixture<DraftingAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private MessageDrafter Drafter => fixture.Get<MessageDrafter>();
    private FakeChatModel Model => fixture.Model.Model;

    private static readonly DraftRequest Upgrade = new(PlaybookType.Upsell, StepPurpose.UpgradePitch, MessageTone.Expert);

    [Fact]
    public async Task TheRequestCarriesTheModelToneBrandVoiceCompanyContextAndTheJsonSchema()
    {
        var (company, _) = await InstalledCompanyAsync(fixture, Ct);
        await using (var db = fixture.App.CreateDbContext())
            await db.Companies.Where(c => c.Id == company.CompanyId).ExecuteUpdateAsync(u => u.SetProperty(c => c.BrandVoice, "Dry humour, British spelling."), Ct);

        var drafts = await Drafter.DraftAsync(new CompanyScope(company.CompanyId), Upgrade with { GoalPlanId = company.ProPlanId }, Ct);

        var request = Assert.Single(Model.Requests);
        Assert.Equal("test/model-1", request["model"]!.GetValue<string>());
        Assert.Equal($"Bearer {DraftingAppFixture.ApiKey}", request["authorization"]!.GetValue<string>());
        var format = request["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        Assert.Equal("message_drafts", format["json_schema"]!["name"]!.GetValue<string>());
        Assert.Equal(["title", "body", "cta_label"], format["json_schema"]!["schema"]!["properties"]!["drafts"]!["items"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        var prompt = UserPrompt(request);
        Assert.Contains("Tone: expert", prompt);
        Assert.Contains("Dry humour, British spelling.", prompt);
        Assert.Contains("Community name: Acme Traders", prompt);
        Assert.Contains("Basic ($19.99 every 30 days)", prompt);
        Assert.Contains("The plan this playbook sells: Pro", prompt);
        Assert.Contains("Step: Upgrade pitch.", prompt);
        Assert.Contains("{{ upgrade_plan_name }}", prompt);
        Assert.DoesNotContain("{{ amount_due }}", prompt);
        Assert.Contains("at most 80 characters", SystemPrompt(request));
        var draft = Assert.Single(drafts);
        Assert.Equal((DraftSource.Model, MessageTone.Expert, "{{ checkout_url }}", null), (draft.Source, draft.Tone, draft.CtaUrl, draft.Reason));
    }

    [Fact]
    public async Task AValidAnswerBecomesDraftsWhoseLinkIsThePurposesNeverTheModels()
    {
        var (company, _) = await InstalledCompanyAsync(fixture, Ct);
        Model.Enqueue(Drafts(("Ready for {{ upgrade_plan_name }}?", "{{ first_name }}, {{ upgrade_plan_name }} adds live calls for {{ upgrade_plan_price }}.", "See Pro"),
            ("Level up, {{ first_name }}", "Pro members get every session. {{ upgrade_plan_price }}.", "Upgrade")));

        var drafts = await Drafter.DraftAsync(new CompanyScope(company.CompanyId), Upgrade with { Variants = 2 }, Ct);

        Assert.Equal(["Ready for {{ upgrade_plan_name }}?", "Level up, {{ first_name }}"], drafts.Select(d => d.Title));
        Assert.Equal(["See Pro", "Upgrade"], drafts.Select(d => d.CtaLabel));
        Assert.All(drafts, d => Assert.Equal((DraftSource.Model, "{{ checkout_url }}"), (d.Source, d.CtaUrl)));
        Assert.Single(Model.Requests);
    }

    [Fact]
    public async Task InvalidJsonIsRetriedOnceWithTheProblemAndThenUsed()
    {
        var (company, _) = await InstalledCompanyAsync(fixture, Ct);
        Model.Enqueue(new FakeModelReply(200, "{\"drafts\": [ {\"title\": "),
            Drafts(("Ready for more?", "{{ upgrade_plan_name }} adds live calls.", "See it")));

        var draft = Assert.Single(await Drafter.DraftAsync(new CompanyScope(company.CompanyId), Upgrade, Ct));

        Assert.Equal((DraftSource.Model, "Ready for more?"), (draft.Source, draft.Title));
        Assert.Equal(2, Model.Requests.Count);
        var correction = UserPrompt(Model.Requests[1]);
        Assert.Contains("Some drafts cannot be used", correction);
        Assert.Contains("not valid JSON", correction);
    }

    [Fact]
    public async Task AnUnknownVariableTwiceFallsBackToTheLibraryAndSaysWhy()
    {
        var (company, _) = await InstalledCompanyAsync(fixture, Ct);
        var bad = Drafts(("Your code {{ discount_code }}", "Use {{ discount_code }} at checkout.", "Claim"));
        Model.Enqueue(bad, bad);

        var draft = Assert.Single(await Drafter.DraftAsync(new CompanyScope(company.CompanyId), Upgrade, Ct));

        Assert.Equal(DraftSource.Library, draft.Source);
        Assert.Equal(DraftLibrary.Copy(StepPurpose.UpgradePitch, MessageTone.Expert).Title, draft.Title);
        Assert.Contains("not usable after one correction", draft.Reason);
        Assert.Contains("discount_code", draft.Reason);
        Assert.Equal(2, Model.Requests.Count);
        Assert.Contains("discount_code", UserPrompt(Model.Requests[1]));
    }

    [Fact]
    public async Task AVariableALeadHasNoValueForIsSentBackAndTheFixedDraftKept()
    {
        var (company, _) = await InstalledCompanyAsync(fixture, Ct);
        Model.Enqueue(Drafts(("Upgrade to {{ upgrade_plan_name }}", "Hi {{ first_name }}.", "Join")),
            Drafts(("Your spot in {{ community_name }}", "Hi {{ first_name }}, join today.", "Join")));

        var draft = Assert.Single(await Drafter.DraftAsync(new CompanyScope(company.CompanyId),
            new DraftRequest(PlaybookType.Nurture, StepPurpose.Reminder, MessageTone.Friendly), Ct));

        Assert.Equal((DraftSource.Model, "Your spot in {{ community_name }}"), (draft.Source, draft.Title));
        Assert.Contains("{{ upgrade_plan_name }} is not available", UserPrompt(Model.Requests[1]));
    }

    [Fact]
    public async Task ATooLongTitleOnceFilledInIsRefusedLikeAHandWrittenOne()
    {
        var (company, _) = await InstalledCompanyAsync(fixture, Ct);
        var tooLong = Drafts((new string('x', 76) + " {{ upgrade_plan_name }} {{ upgrade_plan_name }}", "Body.", "Go"));
        Model.Enqueue(tooLong, tooLong);

        var draft = Assert.Single(await Drafter.DraftAsync(new CompanyScope(company.CompanyId), Upgrade, Ct));

        Assert.Equal(DraftSource.Library, draft.Source);
        Assert.Contains("at most 80 characters once filled in", draft.Reason);
    }

    [Fact]
    public async Task RateLimitedAndFailingAnswersAreRetriedWithBackoffThenTheLibraryAnswers()
    {
        var (company, _) = await InstalledCompanyAsync(fixture, Ct);
        Model.Enqueue(new FakeModelReply(429, "slow down"), new FakeModelReply(503, "busy"),
            Drafts(("Ready for more?", "{{ upgrade_plan_name }} adds live calls.", "See it")));

        var recovered = Assert.Single(await Drafter.DraftAsync(new CompanyScope(company.CompanyId), Upgrade, Ct));

        Assert.True(recovered.Source == DraftSource.Model, $"{recovered.Reason} after {Model.Requests.Count} requests");
        Assert.Equal(3, Model.Requests.Count);

        Model.Reset();
        Model.Enqueue(new FakeModelReply(500, "down"), new FakeModelReply(500, "down"), new FakeModelReply(500, "down"));
        var failed = Assert.Single(await Drafter.DraftAsync(new CompanyScope(company.CompanyId), Upgrade, Ct));

        Assert.Equal(DraftSource.Library, failed.Source);
        Assert.Contains("HTTP 500", failed.Reason);
        Assert.Equal(3, Model.Requests.Count);
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(DraftingAppFixture.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AModelThatDoesNotAnswerInTimeGivesTheLibrarysDraft()
    {
        var (company, _) = await InstalledCompanyAsync(fixture, Ct);
        Model.Enqueue(new FakeModelReply(200, "{}", TimeSpan.FromSeconds(30)));

        var draft = Assert.Single(await Drafter.DraftAsync(new CompanyScope(company.CompanyId), Upgrade, Ct));

        Assert.Equal(DraftSource.Library, draft.Source);
        Assert.Contains($"did not answer within {DraftingAppFixture.TimeoutSeconds} s", draft.Reason);
    }

    [Fact]
    public async Task TheCreatorsCancelStopsTheCallInsteadOfFallingBack()
    {
        var (company, _) = await InstalledCompanyAsync(fixture, Ct);
        Model.Enqueue(new FakeModelReply(200, "{}", TimeSpan.FromSeconds(30)));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Drafter.DraftAsync(new CompanyScope(company.CompanyId), Upgrade, cancel.Token));
    }

    [Fact]
    public async Task EachCompanyHasItsOwnBudgetPerMinuteAndPastItTheLibraryAnswersWithoutACall()
    {
        var (company, _) = await InstalledCompanyAsync(fixture, Ct);
        var (other, _) = await InstalledCompanyAsync(fixture, Ct);
        var scope = new CompanyScope(company.CompanyId);

        for (var i = 0; i < DraftingAppFixture.RequestsPerMinute; i++)
            Assert.Equal(DraftSource.Model, Assert.Single(await Drafter.DraftAsync(scope, Upgrade, Ct)).Source);
        var status = fixture.Get<DraftingStatus>().Of(company.CompanyId);
        var over = Assert.Single(await Drafter.DraftAsync(scope, Upgrade, Ct));
        var neighbour = Assert.Single(await Drafter.DraftAsync(new CompanyScope(other.CompanyId), Upgrade, Ct));

        Assert.Equal((true, "test/model-1", 0), (status.ModelConfigured, status.Model, status.RemainingThisMinute));
        Assert.Equal(DraftSource.Library, over.Source);
        Assert.Contains("AI budget", over.Reason);
        Assert.Equal(DraftSource.Model, neighbour.Source);
        Assert.Equal(DraftingAppFixture.RequestsPerMinute + 1, Model.Requests.Count);
    }

    [Fact]
    public async Task TestingTonesAsksForOneDraftPerBuiltInToneInOneCall()
    {
        var (company, _) = await InstalledCompanyAsync(fixture, Ct);

        var drafts = await Drafter.DraftToneTestAsync(new CompanyScope(company.CompanyId), Upgrade, Ct);

        Assert.Equal([MessageTone.Friendly, MessageTone.Expert, MessageTone.Hype, MessageTone.Minimal], drafts.Select(d => d.Tone));
        Assert.All(drafts, d => Assert.Equal(DraftSource.Model, d.Source));
        var prompt = UserPrompt(Assert.Single(Model.Requests));
        Assert.Contains("1. Tone: friendly", prompt);
        Assert.Contains("4. Tone: minimal", prompt);
    }

    [Fact]
    public async Task ACustomToneIsDescribedToTheModel()
    {
        var (company, _) = await InstalledCompanyAsync(fixture, Ct);

        await Drafter.DraftAsync(new CompanyScope(company.CompanyId), Upgrade with { Tone = MessageTone.Custom, CustomTone = "like a calm yoga teacher" }, Ct);

        Assert.Contains("custom, as the creator describes it: like a calm yoga teacher", UserPrompt(Assert.Single(Model.Requests)));
    }
}
