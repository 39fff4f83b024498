using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Experiments;

public sealed class StepVariantEditorTests(BothProvidersFixture hosts) : IClassFixture<BothProvidersFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private CoreHost Host => hosts[BothProvidersFixture.Postgres];
    private PlaybookEditor Editor => Host.Get<PlaybookEditor>();

    private async Task<string> CompanyAsync()
    {
        await using var db = Host.CreateDbContext();
        var id = $"biz_{Guid.NewGuid():N}"[..18];
        db.Companies.Add(new Company { Id = id, Name = "Variants", InstalledAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(Ct);
        return id;
    }

    private static PlaybookDraft Draft(params StepVariantDraft[] variants) => new()
    {
        Name = "Upgrade nudge",
        Steps = [new StepDraft { Title = "A: hi {{ first_name }}", Body = "Go Pro", Percent = 100 - variants.Sum(v => v.Percent), Variants = [.. variants] }],
    };

    [Fact]
    public async Task VariantsAreSavedWithTheirOwnCopyAndSplitAndComeBackWithStableKeys()
    {
        var companyId = await CompanyAsync();
        var created = await Editor.CreateAsync(new CompanyScope(companyId), Draft(
            new StepVariantDraft { Percent = 30, Title = "B: {{ first_name }}, ready?", Body = "Pro is 20% off", CtaLabel = "Upgrade", CtaUrl = "{{ checkout_url }}" },
            new StepVariantDraft { Percent = 20, Title = "C: hello", Body = "Try Pro" }), Ct);
        Assert.True(created.Saved, string.Join("; ", created.Problems.SelectMany(p => p.Value)));

        var loaded = (await Editor.DraftOfAsync(companyId, created.Id!.Value, Ct))!;
        var step = Assert.Single(loaded.Steps);
        Assert.Equal(50, step.Percent);
        Assert.Equal([("B", 30, "B: {{ first_name }}, ready?", "Pro is 20% off", "Upgrade", "{{ checkout_url }}"), ("C", 20, "C: hello", "Try Pro", null, null)],
            step.Variants.Select(v => (v.Key!, v.Percent, v.Title, v.Body, v.CtaLabel, v.CtaUrl)));

        // Drop B, reword C, add a new one: C keeps its key (and its measured subjects), the new one takes B's free letter.
        step.Variants.RemoveAt(0);
        step.Variants[0].Title = "C: reworded";
        step.Variants.Add(new StepVariantDraft { Percent = 25, Title = "new", Body = "new body" });
        step.Percent = 55;
        var updated = await Editor.UpdateAsync(new CompanyScope(companyId), created.Id.Value, loaded, Ct);
        Assert.True(updated.Saved, string.Join("; ", updated.Problems.SelectMany(p => p.Value)));

        var reloaded = (await Editor.DraftOfAsync(companyId, created.Id.Value, Ct))!.Steps.Single();
        Assert.Equal([("B", 25, "new"), ("C", 20, "C: reworded")], reloaded.Variants.Select(v => (v.Key!, v.Percent, v.Title)));
        await using var db = Host.CreateDbContext();
        var stepId = reloaded.Id!.Value;
        Assert.Equal(2, await db.PlaybookStepVariants.CountAsync(v => v.StepId == stepId, Ct));
    }

    [Fact]
    public async Task ASplitThatIsNot100AndABrokenVariantTemplateAreRefusedWithWhereAndWhichLine()
    {
        var companyId = await CompanyAsync();
        var draft = Draft(new StepVariantDraft { Percent = 30, Title = "B", Body = "Fine line\nHi {{ no_such_thing }}" });
        draft.Steps[0].Percent = 60;

        var result = await Editor.CreateAsync(new CompanyScope(companyId), draft, Ct);

        Assert.False(result.Saved);
        Assert.Equal(["The split adds up to 90%; A and the variants must add up to 100%."], result.Problems["steps[0].split"]);
        var body = Assert.Single(result.Problems["steps[0].variants[0].body"]);
        Assert.StartsWith("Line 2: ", body);
        await using var db = Host.CreateDbContext();
        Assert.False(await db.Playbooks.AnyAsync(p => p.CompanyId == companyId, Ct));
    }
}
