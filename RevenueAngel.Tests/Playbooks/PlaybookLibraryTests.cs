using Microsoft.Extensions.Options;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks.Library;

namespace RevenueAngel.Tests.Playbooks;

public sealed class PlaybookLibraryTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private readonly LiquidTemplates _templates = new(Options.Create(new MessagingOptions()));

    public static TheoryData<string, int, MessageTone> EveryStepInEveryTone()
    {
        var data = new TheoryData<string, int, MessageTone>();
        foreach (var blueprint in PlaybookLibrary.All)
            for (var i = 0; i < blueprint.Steps.Count; i++)
                foreach (var tone in PlaybookLibrary.Tones) data.Add(blueprint.Key, i, tone);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStepInEveryTone))]
    public async Task EveryDefaultMessageValidatesAndRendersWithinWhopsLimits(string key, int step, MessageTone tone)
    {
        var copy = PlaybookLibrary.Find(key)!.Steps[step].Copy[tone];
        var template = new MessageTemplate { CompanyId = "biz_x", Name = key, Title = copy.Title, Body = copy.Body, CtaLabel = copy.CtaLabel, CtaUrl = copy.CtaUrl };

        Assert.Empty(_templates.Validate(template, Ct));
        var rendered = await _templates.RenderAsync(template, MessageVariables.Samples, Ct);
        Assert.InRange(rendered.Title.Length, 5, new MessagingOptions().TitleMaxLength);
        Assert.DoesNotContain("…", rendered.Body);
        Assert.StartsWith("https://", rendered.CtaUrl);
    }

    [Fact]
    public void TheDefaultsKeepTheProductsTimingsCountedFromTheTrigger()
    {
        static IEnumerable<int> HoursFromTrigger(PlaybookBlueprint b)
        {
            var total = 0;
            foreach (var step in b.Steps) yield return (total += step.DelayMinutes) / 60;
        }

        Assert.Equal([1, 24, 72], HoursFromTrigger(PlaybookLibrary.FirstPurchase));
        Assert.Equal([0, 48], HoursFromTrigger(PlaybookLibrary.UpgradeToPro));
        Assert.Equal([0, 24], HoursFromTrigger(PlaybookLibrary.PaymentRecovery));
        Assert.All(PlaybookLibrary.All, b => Assert.All(b.Steps, s => Assert.Equal(PlaybookLibrary.Tones.Order(), s.Copy.Keys.Order())));
    }
}
