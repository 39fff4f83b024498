using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Drafting;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Demo.ModelFake;
using static RevenueAngel.Tests.Drafting.DraftingScenario;

namespace RevenueAngel.Tests.Drafting;

public sealed class PlaybookProposerTests(DraftingAppFixture fixture) : IClassFixture<DraftingAppFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private PlaybookProposer Proposer => fixture.Get<PlaybookProposer>();

    private static FakeModelReply Playbook(string rulesJson, string purpose = "upgrade_pitch", string module = "tierlift", string? planId = null) =>
        new(200, JsonSerializer.Serialize(new
        {
            name = "Basic to Pro after a month", module, trigger = "segment_entry", goal = "upgrade", goal_plan_id = planId ?? "",
            target_rules_json = rulesJson,
            steps = new[]
            {
                new { delay_minutes = 0, channel = "push", purpose, title = "Ready for {{ upgrade_plan_name }}?", body = "{{ first_name }}, try {{ upgrade_plan_name }}.", cta_label = "See Pro" },
                new { delay_minutes = 2880, channel = "direct_message", purpose = "benefits_follow_up", title = "What Pro adds", body = "Live calls and reviews for {{ upgrade_plan_price }}.", cta_label = "Upgrade" },
            },
        }));

    [Fact]
    public async Task TheModelsPlaybookIsReadIntoADraftThatPassesTheSaveValidator()
    {
        var (company, _) = await InstalledCompanyAsync(fixture, Ct);
        fixture.Model.Model.Enqueue(Playbook("""{"all":[{"field":"tenure_days","op":">=","value":30},{"field":"plan","op":"in","value":["PLAN"]}]}"""
            .Replace("PLAN", company.BasicPlanId), planId: company.ProPlanId));

        var proposal = await Proposer.ProposeAsync(new CompanyScope(company.CompanyId), "Get Basic members past 30 days to try Pro", Ct);

        Assert.Equal((DraftSource.Model, (string?)null), (proposal.Source, proposal.Reason));
        var draft = proposal.Draft;
        Assert.Equal((PlaybookType.Upsell, PlaybookGoal.Upgrade, company.ProPlanId), (draft.Type, draft.Goal, draft.GoalPlanId));
        Assert.Equal([0, 2880], draft.Steps.Select(s => s.DelayMinutes));
        Assert.Equal([StepPurpose.UpgradePitch, StepPurpose.BenefitsFollowUp], draft.Steps.Select(s => s.Purpose!.Value));
        Assert.All(draft.Steps, s => Assert.Equal("{{ checkout_url }}", s.CtaUrl));
        Assert.Empty(await fixture.Get<PlaybookEditor>().ValidateAsync(company.CompanyId, draft, Ct));
        var request = Assert.Single(fixture.Model.Model.Requests);
        Assert.Equal("playbook_proposal", request["response_format"]!["json_schema"]!["name"]!.GetValue<string>());
        var prompt = UserPrompt(request);
        Assert.Contains("The creator's goal: Get Basic members past 30 days to try Pro", prompt);
        Assert.Contains($"{company.ProPlanId}: Pro", prompt);
        Assert.Contains("tenure_days (members;", prompt);
    }

    [Fact]
    public async Task AnInvalidPlaybookIsCorrectedOnceThenTheLibrarysNearestIsOfferedAndNothingIsSaved()
    {
        var (company, _) = await InstalledCompanyAsync(fixture, Ct);
        var invalid = Playbook("""{"all":[{"field":"lifetime_value","op":">","value":100}]}""", purpose: "win_back");
        fixture.Model.Model.Enqueue(invalid, invalid);
        int Count() { using var db = fixture.App.CreateDbContext(); return db.Playbooks.Count(p => p.CompanyId == company.CompanyId); }
        var before = Count();

        var proposal = await Proposer.ProposeAsync(new CompanyScope(company.CompanyId), "Get Basic members past 30 days to try Pro", Ct);

        Assert.Equal(DraftSource.Library, proposal.Source);
        Assert.Equal("Upgrade to Pro", proposal.Draft.Name);
        Assert.Contains("not valid after one correction", proposal.Reason);
        Assert.Contains("unknown field 'lifetime_value'", proposal.Reason);
        var correction = UserPrompt(fixture.Model.Model.Requests[1]);
        Assert.Contains("steps[0].purpose", correction);
        Assert.Equal(before, Count());
    }
}
