using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Leads.Import;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Leads;

/// CSV import on PostgreSQL and on the embedded SQLite alike: good rows become csv leads in one pass, bad rows are
/// reported by line, a second import of the same file changes nothing, and a company's import stays in its company.
public sealed class LeadImportTests(BothProvidersFixture providers) : IClassFixture<BothProvidersFixture>
{
    public static TheoryData<string> Providers => BothProvidersFixture.Providers;

    private Task<LeadImportWorld> WorldAsync(string provider) => LeadImportWorld.CreateAsync(providers[provider]);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AGoodFileBecomesCsvLeadsWithTheirNamesUtmSourcesAndConsent(string provider)
    {
        var world = await WorldAsync(provider);

        var report = await world.ImportAsync("""
            Email,Full Name,UTM Source,Opt-in
            Ann@Example.com ,Ann Lee,newsletter,yes
            bob@example.com,,,no
            cy@example.org,Cy,twitter,
            """);

        Assert.Equal((3, 3, 0, 0, 0), (report.RowsRead, report.Created, report.Updated, report.Unchanged, report.BadRowCount));
        Assert.Equal(new LeadImportMapping("Email", "Full Name", "UTM Source", "Opt-in", null), report.Mapping);
        var leads = await world.LeadsAsync();
        Assert.Equal(["ann@example.com", "bob@example.com", "cy@example.org"], leads.Select(l => l.Email));
        Assert.All(leads, l => Assert.Equal((LeadSources.Csv, LeadStatus.New), (l.Source, l.Status)));
        var ann = leads[0];
        Assert.Equal(("Ann Lee", "newsletter", true), (ann.Name, ann.UtmSource, ann.EmailConsent));
        Assert.False(string.IsNullOrEmpty(ann.ConsentText));
        Assert.NotNull(ann.ConsentAt);
        Assert.Equal((null, null, false, null), (leads[1].Name, leads[1].UtmSource, leads[1].EmailConsent, leads[1].ConsentText));
        Assert.Equal([LeadReach.Email], LeadReach.Channels(ann));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AMixedFileImportsTheGoodRowsAndReportsEachBadOneByLine(string provider)
    {
        var world = await WorldAsync(provider);
        var longName = new string('n', LeadImportLimits.NameMaxLength + 1);

        var report = await world.ImportAsync($"""
            email,name,consent
            good@example.com,Good,yes
            ,No Email,no
            not-an-email,Bad,no
            GOOD@example.com,Again,no
            long@example.com,{longName},no
            maybe@example.com,Maybe,perhaps
            extra@example.com,Extra,no,surprise
            ann@example.com,Ann,no
            """);

        Assert.Equal((8, 2, 6), (report.RowsRead, report.Created, report.BadRowCount));
        Assert.Equal([3L, 4, 5, 6, 7, 8], report.BadRows.Select(r => r.Line));
        Assert.Equal("missing email", report.BadRows[0].Reason);
        Assert.Contains("not a valid email", report.BadRows[1].Reason);
        Assert.Contains("duplicate of line 2", report.BadRows[2].Reason);
        Assert.Contains("name is longer than 200", report.BadRows[3].Reason);
        Assert.Contains("consent \"perhaps\"", report.BadRows[4].Reason);
        Assert.Contains("number of columns", report.BadRows[5].Reason);
        Assert.Equal(["ann@example.com", "good@example.com"], (await world.LeadsAsync()).Select(l => l.Email));
        Assert.Equal("Good", (await world.LeadsAsync())[1].Name);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task MalformedQuotingSpoilsOnlyItsOwnLine(string provider)
    {
        var world = await WorldAsync(provider);

        var report = await world.ImportAsync("""
            email,name
            first@example.com,"Lee, Ann"
            stray@example.com,Ann "the" Lee
            "open@example.com,Never closed
            after@example.com,"Quoted ""nick"" name"
            """);

        Assert.Equal([3L, 4], report.BadRows.Select(r => r.Line));
        Assert.All(report.BadRows, r => Assert.StartsWith("malformed CSV line", r.Reason));
        var leads = await world.LeadsAsync();
        Assert.Equal(["after@example.com", "first@example.com"], leads.Select(l => l.Email));
        Assert.Equal(["Quoted \"nick\" name", "Lee, Ann"], leads.Select(l => l.Name));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ImportingTheSameFileTwiceChangesNothing(string provider)
    {
        var world = await WorldAsync(provider);
        const string file = """
            email,name,consent
            a@example.com,Ann,yes
            b@example.com,,no
            """;

        var first = await world.ImportAsync(file);
        var before = await world.LeadsAsync();
        var second = await world.ImportAsync(file);

        Assert.Equal((2, 0, 0), (first.Created, first.Updated, first.Unchanged));
        Assert.Equal((0, 0, 2), (second.Created, second.Updated, second.Unchanged));
        Assert.Equivalent(before, await world.LeadsAsync(), strict: true);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AReimportFillsBlanksButNeverOverwritesANameNorRevokesConsent(string provider)
    {
        var world = await WorldAsync(provider);
        await world.AddLeadAsync("kept@example.com", name: "Kept Name", consent: true);
        await world.AddLeadAsync("blank@example.com");
        await world.AddLeadAsync("gone@example.com", status: LeadStatus.Unsubscribed);

        var report = await world.ImportAsync("""
            email,name,consent,utm_source
            kept@example.com,Other Name,no,
            blank@example.com,Filled In,yes,ads
            gone@example.com,Gone,yes,
            """);

        Assert.Equal((0, 2, 1), (report.Created, report.Updated, report.Unchanged));
        var leads = (await world.LeadsAsync()).ToDictionary(l => l.Email!);
        Assert.Equal(("Kept Name", true, "Shown on the form", LeadSources.Web), (leads["kept@example.com"].Name, leads["kept@example.com"].EmailConsent,
            leads["kept@example.com"].ConsentText, leads["kept@example.com"].Source));
        Assert.Equal(("Filled In", true, "ads", LeadSources.Web), (leads["blank@example.com"].Name, leads["blank@example.com"].EmailConsent,
            leads["blank@example.com"].UtmSource, leads["blank@example.com"].Source));
        // An unsubscribed lead does not get consent back from a spreadsheet.
        Assert.Equal(("Gone", false, LeadStatus.Unsubscribed), (leads["gone@example.com"].Name, leads["gone@example.com"].EmailConsent, leads["gone@example.com"].Status));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnImportForOneCompanyNeverTouchesAnother(string provider)
    {
        var mine = await WorldAsync(provider);
        var theirs = await WorldAsync(provider);
        await theirs.AddLeadAsync("shared@example.com");

        var report = await mine.ImportAsync("email,name,consent\nshared@example.com,Mine,yes\n");

        Assert.Equal(1, report.Created);
        var their = Assert.Single(await theirs.LeadsAsync());
        Assert.Equal((null, false, LeadSources.Web), (their.Name, their.EmailConsent, their.Source));
        Assert.Equal("Mine", Assert.Single(await mine.LeadsAsync()).Name);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnExplicitMappingNamesTheColumnsAndAnEmptyOneSkipsAField(string provider)
    {
        var world = await WorldAsync(provider);

        var report = await world.ImportAsync("Contact,name,source\nx@example.com,Xavier,fb\n", new LeadImportMapping(Email: "contact", Name: ""));

        Assert.Equal(new LeadImportMapping("contact", "", "source", null, null), report.Mapping);
        var lead = Assert.Single(await world.LeadsAsync());
        Assert.Equal(("x@example.com", null, "fb"), (lead.Email, lead.Name, lead.UtmSource));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AFileThatCannotBeImportedWritesNothing(string provider)
    {
        var world = await WorldAsync(provider);

        var noEmail = await Assert.ThrowsAsync<LeadImportException>(() => world.ImportAsync("name,phone\nAnn,123\n"));
        var unknownColumn = await Assert.ThrowsAsync<LeadImportException>(() => world.ImportAsync("email\na@example.com\n", new LeadImportMapping(Name: "nom")));
        var empty = await Assert.ThrowsAsync<LeadImportException>(() => world.ImportAsync(""));

        Assert.Contains("no email column", noEmail.Message);
        Assert.Contains("\"nom\"", unknownColumn.Message);
        Assert.Contains("empty", empty.Message);
        Assert.Empty(await world.LeadsAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ProgressIsReportedAfterEveryBatch(string provider)
    {
        var world = await WorldAsync(provider);
        var rows = 2 * LeadImportLimits.BatchSize + 10;
        var log = new ProgressLog();

        var report = await world.ImportAsync(LeadCsvFiles.Generated(rows, badEvery: 1000), progress: log);

        var reports = log.Reports;
        Assert.Equal(new ImportProgress(0, 0, 0, 0), reports[0]);
        Assert.True(reports.Count >= 4, $"{reports.Count} reports");
        Assert.Equal(reports.OrderBy(r => r.RowsRead).ThenBy(r => r.Imported), reports);
        Assert.Equal((rows, report.Created, report.BadRowCount), (reports[^1].RowsRead, reports[^1].Imported, reports[^1].Bad));
        Assert.Contains(reports, r => r.Imported == LeadImportLimits.BatchSize);
    }
}
