using Microsoft.Extensions.Options;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Demo.ModelFake;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Drafting;

/// With no API key: every draft and proposal comes from the built-in library, and the model is never called.
public sealed class LibraryDraftingTests : IAsyncLifetime
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private FakeModelServer _model = null!;
    private CoreHost _core = null!;
    private static readonly CompanyScope Demo = new("biz_demo");

    public async ValueTask InitializeAsync()
    {
        _model = await FakeModelServer.StartAsync();
        var settings = TestSettings.Demo(null);
        // A reachable model, but no key: nothing may be sent to it.
        settings["AI:BaseUrl"] = _model.BaseUrl;
        _core = await CoreHost.StartSqliteAsync(settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _core.DisposeAsync();
        await _model.DisposeAsync();
    }

    [Fact]
    public async Task WithoutAKeyDraftsComeFromTheLibraryInTheToneThenTheOthersWithoutAnyHttpCall()
    {
        var drafts = await _core.Get<MessageDrafter>().DraftAsync(Demo,
            new DraftRequest(PlaybookType.ChurnSave, StepPurpose.UpdatePayment, MessageTone.Hype, Variants: 3), Ct);

        Assert.Equal([MessageTone.Hype, MessageTone.Friendly, MessageTone.Expert], drafts.Select(d => d.Tone));
        Assert.All(drafts, d => Assert.Equal((DraftSource.Library, MessageDrafter.NoModel), (d.Source, d.Reason)));
        Assert.Equal(DraftLibrary.Copy(StepPurpose.UpdatePayment, MessageTone.Hype).Body, drafts[0].Body);
        Assert.Empty(_model.Model.Requests);
        Assert.Equal(new DraftingStatusReport(false, null, 10, 0), _core.Get<DraftingStatus>().Of(Demo.Id));
    }

    [Fact]
    public async Task ACustomToneWithoutAModelTakesTheNearestBuiltInToneAndSaysSo()
    {
        var draft = Assert.Single(await _core.Get<MessageDrafter>().DraftAsync(Demo,
            new DraftRequest(PlaybookType.Nurture, StepPurpose.Welcome, MessageTone.Custom, "Short and direct, no emoji"), Ct));

        Assert.Equal(MessageTone.Minimal, draft.Tone);
        Assert.Contains("nearest built-in tone (minimal)", draft.Reason);
        Assert.Empty(_model.Model.Requests);
    }

    [Theory]
    [InlineData("Win back members who cancelled in the last 60 days with a discount", "payment-recovery")]
    [InlineData("Get Basic members past 30 days to try Pro", "upgrade-to-pro")]
    [InlineData("Turn my waitlist leads into first-time buyers", "first-purchase")]
    public async Task WithoutAModelAGoalGetsTheNearestLibraryPlaybookValidAsItIs(string goal, string blueprint)
    {
        var proposal = await _core.Get<PlaybookProposer>().ProposeAsync(Demo, goal, Ct);

        Assert.Equal(DraftSource.Library, proposal.Source);
        Assert.Equal(Core.Playbooks.Library.PlaybookLibrary.Find(blueprint)!.Name, proposal.Draft.Name);
        Assert.Empty(await _core.Get<PlaybookEditor>().ValidateAsync(Demo.Id, proposal.Draft, Ct));
        Assert.Empty(_model.Model.Requests);
    }
}

/// Every entry of the built-in library, for every purpose and tone: valid, within Whop's limits for the sample member,
/// and acceptable to the same checks a model's draft must pass.
public sealed class DraftLibraryTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private readonly LiquidTemplates _templates = new(Options.Create(new MessagingOptions()));

    public static TheoryData<StepPurpose, MessageTone> EveryPurposeInEveryTone()
    {
        var data = new TheoryData<StepPurpose, MessageTone>();
        foreach (var purpose in Enum.GetValues<StepPurpose>())
            foreach (var tone in DraftLibrary.Tones) data.Add(purpose, tone);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPurposeInEveryTone))]
    public async Task EveryLibraryEntryRendersForTheSampleMemberAndPassesTheModelsChecks(StepPurpose purpose, MessageTone tone)
    {
        var copy = DraftLibrary.Copy(purpose, tone);
        var template = new MessageTemplate { CompanyId = "biz_x", Name = "library", Title = copy.Title, Body = copy.Body, CtaLabel = copy.CtaLabel, CtaUrl = copy.CtaUrl };
        var module = Enum.GetValues<PlaybookType>().Single(m => StepPurposes.Fits(purpose, m));
        var checks = new DraftChecks(_templates);

        Assert.Empty(_templates.Validate(template, Ct));
        var rendered = await _templates.RenderAsync(template, MessageVariables.Samples, Ct);
        Assert.InRange(rendered.Title.Length, 5, new MessagingOptions().TitleMaxLength);
        Assert.StartsWith("https://", rendered.CtaUrl);
        Assert.Equal(StepPurposes.Of(purpose).Link, copy.CtaUrl);
        Assert.Empty(checks.Problems(copy.Title, copy.Body, copy.CtaLabel, new DraftRequest(module, purpose, tone)));
    }

    [Fact]
    public void EveryModuleHasPurposesAndEveryPurposeOneModule()
    {
        Assert.All(Enum.GetValues<PlaybookType>(), m => Assert.NotEmpty(StepPurposes.For(m)));
        Assert.Equal(Enum.GetValues<StepPurpose>().Length, Enum.GetValues<PlaybookType>().Sum(m => StepPurposes.For(m).Count));
    }

    [Theory]
    [InlineData("Warm and personal", MessageTone.Friendly)]
    [InlineData("Professional, data-driven", MessageTone.Expert)]
    [InlineData("High energy with emoji", MessageTone.Hype)]
    [InlineData("Concise", MessageTone.Minimal)]
    [InlineData("Like a pirate", MessageTone.Friendly)]
    public void ACustomToneMapsToTheBuiltInToneItsWordsName(string description, MessageTone nearest) =>
        Assert.Equal(nearest, DraftLibrary.NearestTone(description));
}
