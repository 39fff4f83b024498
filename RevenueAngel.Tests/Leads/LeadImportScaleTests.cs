using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Leads.Import;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Leads;

/// The limit case: 100,000 rows in one set-based pass (timed, not asserted), a file one row over the limit that
/// writes nothing, and new leads entering the company's Nurture playbook right after the import.
public sealed class LeadImportScaleTests(BothProvidersFixture providers, ITestOutputHelper output) : IClassFixture<BothProvidersFixture>
{
    public static TheoryData<string> Providers => BothProvidersFixture.Providers;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AHundredThousandRowsImportInOnePassAndAgainWithoutChange(string provider)
    {
        var world = await LeadImportWorld.CreateAsync(providers[provider]);
        var csv = LeadCsvFiles.Generated(LeadImportLimits.MaxRows);

        var clock = Stopwatch.StartNew();
        var first = await world.ImportAsync(csv);
        var firstTime = clock.Elapsed;
        clock.Restart();
        var second = await world.ImportAsync(csv);
        var secondTime = clock.Elapsed;

        output.WriteLine($"{provider}: 100,000 rows ({csv.Length / (1024.0 * 1024):0.0} MB) imported in {firstTime.TotalSeconds:0.00} s; re-imported in {secondTime.TotalSeconds:0.00} s");
        Assert.Equal((LeadImportLimits.MaxRows, LeadImportLimits.MaxRows, 0), (first.RowsRead, first.Created, first.BadRowCount));
        Assert.Equal((0, 0, LeadImportLimits.MaxRows), (second.Created, second.Updated, second.Unchanged));
        await using var db = world.Core.CreateDbContext();
        Assert.Equal(LeadImportLimits.MaxRows, await db.Leads.CountAsync(l => l.CompanyId == world.Company.Id && l.Source == LeadSources.Csv, Ct));
        Assert.Equal(LeadImportLimits.MaxRows / 2, await db.Leads.CountAsync(l => l.CompanyId == world.Company.Id && l.EmailConsent, Ct));
    }

    [Fact]
    public async Task AFileOneRowOverTheLimitWritesNothing()
    {
        var world = await LeadImportWorld.CreateAsync(providers[BothProvidersFixture.Postgres]);

        var error = await Assert.ThrowsAsync<LeadImportTooLargeException>(() => world.ImportAsync(LeadCsvFiles.Generated(LeadImportLimits.MaxRows + 1)));

        Assert.Contains("100,000", error.Message);
        Assert.Empty(await world.LeadsAsync());
    }

    [Fact]
    public async Task AFileOverTheByteLimitWritesNothing()
    {
        var world = await LeadImportWorld.CreateAsync(providers[BothProvidersFixture.Postgres]);
        var padding = new string('x', 190);
        var rows = string.Concat(Enumerable.Range(0, (int)(LeadImportLimits.MaxBytes / 200) + 10).Select(i => $"p{i}@example.com,{padding}\n"));

        await Assert.ThrowsAsync<LeadImportTooLargeException>(() => world.ImportAsync("email,name\n" + rows));

        Assert.Empty(await world.LeadsAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NewLeadsEnterTheCompanysNurturePlaybookRightAfterTheImport(string provider)
    {
        var world = await LeadImportWorld.CreateAsync(providers[provider]);
        long playbookId;
        await using (var db = world.Core.CreateDbContext())
        {
            var template = new MessageTemplate { CompanyId = world.Company.Id, Name = "t", Title = "Hi", Body = "Welcome" };
            db.Add(template);
            await db.SaveChangesAsync(Ct);
            var playbook = new Playbook
            {
                CompanyId = world.Company.Id, Name = "First purchase", Type = PlaybookType.Nurture, Enabled = true,
                Trigger = PlaybookTrigger.SegmentEntry, Goal = PlaybookGoal.FirstPayment, HoldoutPercent = 0, CreatedAt = LeadImportWorld.At,
            };
            playbook.Steps.Add(new PlaybookStep { Position = 1, Channel = MessageChannel.Push, TemplateId = template.Id });
            db.Add(playbook);
            await db.SaveChangesAsync(Ct);
            playbookId = playbook.Id;
        }

        await world.ImportAsync("email\na@example.com\nb@example.com\n");

        await using var check = world.Core.CreateDbContext();
        var leadIds = await check.Leads.Where(l => l.CompanyId == world.Company.Id).Select(l => l.Id).ToListAsync(Ct);
        var enrolled = await check.Enrollments.Where(e => e.PlaybookId == playbookId && e.SubjectKind == SubjectKind.Lead).Select(e => e.SubjectId).ToListAsync(Ct);
        Assert.Equal(leadIds.Order(), enrolled.Order());
        Assert.Equal(2, await check.Sends.CountAsync(s => s.PlaybookId == playbookId, Ct));
    }
}
