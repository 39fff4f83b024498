using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Dispatch;

namespace RevenueAngel.Tests.Messaging;

public sealed class MessagePreviewTests(DispatchAppFixture app) : IClassFixture<DispatchAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static PlaybookDraft Draft(string body) => new()
    {
        Name = "Preview", Type = PlaybookType.Upsell,
        Steps = [new StepDraft { Title = "Hi {{ first_name }}", Body = body }],
    };

    [Fact]
    public async Task ThePreviewIsRenderedForARealMemberOfTheCompany()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 2);

        var preview = await app.Get<MessagePreviews>().RenderAsync(scenario.CompanyId, Draft("Welcome to {{ community_name }}"), 0, scenario.Members[1].Id, Ct);

        Assert.Equal("Maya2 Stone", preview.SubjectLabel);
        Assert.Equal(("Hi Maya2", "Welcome to Growth Lab"), (preview.Message!.Title, preview.Message.Body));
    }

    [Fact]
    public async Task AStepWithASaveOfferPreviewsTheOfferPageAndOneWithoutItTheCheckout()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 1);
        PlaybookDraft Save(RevenueAngel.Core.Offers.OfferTerms? offer) => new()
        {
            Name = "Save", Type = PlaybookType.ChurnSave, Trigger = PlaybookTrigger.CancelRequested,
            Steps = [new StepDraft { Title = "Stay", Body = "Your offer: {{ offer_url }}", Offer = offer }],
        };

        var withOffer = await app.Get<MessagePreviews>().RenderAsync(scenario.CompanyId,
            Save(new(RevenueAngel.Core.Offers.OfferKind.Pause, Days: 30)), 0, scenario.Members[0].Id, Ct);
        var without = await app.Get<MessagePreviews>().RenderAsync(scenario.CompanyId, Save(null), 0, scenario.Members[0].Id, Ct);

        Assert.Matches(@"^Your offer: \S*/experiences/[^/]+/offers/sample-offer$", withOffer.Message!.Body);
        Assert.DoesNotContain("/offers/", without.Message!.Body);
    }

    [Fact]
    public async Task SendATestToMeNotifiesOnlyThatTeamMemberWithTheRenderedCopy()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 1);

        var problem = await app.Get<MessagePreviews>().SendTestAsync(new CompanyScope(scenario.CompanyId), "user_creator", Draft("Welcome to {{ community_name }}"), 0, Ct);

        Assert.Null(problem);
        var sent = DispatchScenario.Json(Assert.Single(scenario.Deliveries("notification")));
        Assert.Equal(scenario.CompanyId, sent.GetProperty("company_id").GetString());
        Assert.Equal(["user_creator"], sent.GetProperty("user_ids").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal("[Test] Hi Maya1", sent.GetProperty("title").GetString());
    }

    [Fact]
    public async Task AVariantCanBeSentAsATestOnItsOwn()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 1);
        var draft = Draft("Welcome to {{ community_name }}");
        draft.Steps[0].Variants.Add(new StepVariantDraft { Title = "Last call, {{ first_name }}", Body = "Still thinking it over?" });

        var problem = await app.Get<MessagePreviews>().SendTestAsync(new CompanyScope(scenario.CompanyId), "user_creator", draft, 0, Ct, variantIndex: 0);

        Assert.Null(problem);
        var sent = DispatchScenario.Json(Assert.Single(scenario.Deliveries("notification")));
        Assert.Equal(("[Test] Last call, Maya1", "Still thinking it over?"), (sent.GetProperty("title").GetString(), sent.GetProperty("content").GetString()));
    }

    [Fact]
    public async Task AnInvalidTemplateIsNotSentAndSaysWhy()
    {
        var scenario = await DispatchScenario.CreateAsync(app, members: 1);

        var problem = await app.Get<MessagePreviews>().SendTestAsync(new CompanyScope(scenario.CompanyId), "user_creator", Draft("Hello\n{{ frist_name }}"), 0, Ct);

        Assert.Contains("frist_name", problem);
        Assert.Contains("line 2", problem);
        Assert.Empty(scenario.Deliveries("notification"));
    }
}
