using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Segments;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Segments;

public sealed class AudiencePreviewTests(DemoCoreFixture demo) : IClassFixture<DemoCoreFixture>
{
    [Fact]
    public async Task APreviewCountsTheAudienceAndShowsTenOfIt()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        var (rule, _) = TargetRulesJson.Parse("""{"all":[{"field":"plan","op":"in","value":["plan_demo_pro"]},{"field":"membership_status","op":"in","value":["active"]}]}""", SubjectKind.Member);
        await using var db = demo.Core.CreateDbContext();
        var expected = await db.Members.Where(m => m.CompanyId == "biz_demo")
            .Where(m => db.Memberships.Any(ms => ms.MemberId == m.Id && ms.PlanId == "plan_demo_pro"))
            .Where(m => db.Memberships.Any(ms => ms.MemberId == m.Id && ms.Status == "active"))
            .Select(m => m.Id).OrderBy(id => id).ToListAsync(ct);

        var preview = await demo.Core.Get<Audience>().PreviewAsync("biz_demo", SubjectKind.Member, rule, ct);

        Assert.InRange(expected.Count, 11, 600);
        Assert.Equal(expected.Count, preview.Count);
        Assert.Equal(expected.Take(10), preview.Sample.Select(s => s.SubjectId));
        Assert.All(preview.Sample, s => Assert.False(string.IsNullOrWhiteSpace(s.Label)));
    }

    [Fact]
    public async Task AnotherCompanysRulesNeverReachTheDemoCompanysMembers()
    {
        var preview = await demo.Core.Get<Audience>().PreviewAsync("biz_someone_else", SubjectKind.Member, null, Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(0, preview.Count);
    }
}
