using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Leads.Import;
using RevenueAngel.Tests.Infrastructure;
using RevenueAngel.Tests.Leads;
using RevenueAngel.Web.Components.Leads;

namespace RevenueAngel.Tests.Components.Leads;

public sealed class LeadImportDialogTests : MudTestContext, IClassFixture<DemoCoreFixture>
{
    private readonly CoreHost _core;

    public LeadImportDialogTests(DemoCoreFixture demo)
    {
        _core = demo.Core;
        Services.AddLeadServices(_core);
        UsePageServices(_core);
    }

    private async Task<(LeadImportWorld World, IRenderedComponent<MudDialogProvider> Dialogs, IDialogReference Dialog)> OpenAsync()
    {
        var world = await LeadImportWorld.CreateAsync(_core);
        var dialogs = Render<MudDialogProvider>();
        var service = Services.GetRequiredService<IDialogService>();
        var dialog = await dialogs.InvokeAsync(() => service.ShowAsync<LeadImportDialog>("Import",
            new DialogParameters<LeadImportDialog> { { d => d.Company, world.Company } }));
        dialogs.WaitForElement("[data-testid=import-dialog]");
        return (world, dialogs, dialog);
    }

    private static void Upload(IRenderedComponent<MudDialogProvider> dialogs, string csv) =>
        dialogs.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "leads.csv", contentType: "text/csv"));

    [Fact]
    public async Task DetectsTheColumnsImportsAndReportsTheBadRowsByLine()
    {
        var (world, dialogs, dialog) = await OpenAsync();

        Upload(dialogs, "E-mail,Full name,Consent\nann@example.com,Ann,yes\nnot-an-email,Bad,no\nbob@example.com,Bob,no\nANN@example.com,Dup,no\n");

        dialogs.WaitForAssertion(() => Assert.Contains("leads.csv", dialogs.Find("[data-testid=import-file-name]").TextContent));
        Assert.Equal("E-mail", SelectedText(dialogs, "email"));
        Assert.Equal("Full name", SelectedText(dialogs, "name"));
        Assert.Equal("Consent", SelectedText(dialogs, "consent"));
        Assert.Equal("Not imported", SelectedText(dialogs, "utm_source"));

        dialogs.Find("button[data-testid=start-import]").Click();

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=import-report]")));
        Assert.Equal("2 new", dialogs.Find("[data-testid=report-created]").TextContent.Trim());
        Assert.Equal("2 bad", dialogs.Find("[data-testid=report-bad]").TextContent.Trim());
        Assert.Contains("not a valid email", dialogs.Find("[data-testid=bad-line-3]").ParentElement!.TextContent);
        Assert.Contains("duplicate of line 2", dialogs.Find("[data-testid=bad-line-5]").ParentElement!.TextContent);
        var leads = await world.LeadsAsync();
        Assert.Equal(["ann@example.com", "bob@example.com"], leads.Select(l => l.Email));
        Assert.True(leads[0].EmailConsent);

        dialogs.Find("button[data-testid=import-done]").Click();
        var result = await dialog.Result;
        Assert.Equal(true, result!.Data);
    }

    [Fact]
    public async Task AFileWithoutAnEmailHeaderWaitsForTheColumnToBeChosen()
    {
        var (world, dialogs, _) = await OpenAsync();
        var popovers = Render<MudPopoverProvider>();

        Upload(dialogs, "Contact,Who\nzed@example.com,Zed\n");

        dialogs.WaitForAssertion(() => Assert.Contains("No column looks like email", dialogs.Find("[data-testid=import-problem]").TextContent));
        Assert.True(dialogs.Find("button[data-testid=start-import]").HasAttribute("disabled"));
        Pick(popovers, () => dialogs.Find("[data-testid=map-email]").Closest(".mud-input-control")!.ParentElement!, "Contact");
        Pick(popovers, () => dialogs.Find("[data-testid=map-name]").Closest(".mud-input-control")!.ParentElement!, "Who");
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("button[data-testid=start-import]").HasAttribute("disabled")));

        dialogs.Find("button[data-testid=start-import]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("1 new", dialogs.Find("[data-testid=report-created]").TextContent.Trim()));
        var lead = Assert.Single(await world.LeadsAsync());
        Assert.Equal(("zed@example.com", "Zed", LeadSources.Csv), (lead.Email, lead.Name, lead.Source));
    }

    [Fact]
    public void TheProgressBarFollowsTheFileReadAndCountsTheRows()
    {
        var cut = Render<ImportProgressBar>(p => p
            .Add(b => b.Progress, new ImportProgress(RowsRead: 5_000, Imported: 4_990, Bad: 10, BytesRead: 256))
            .Add(b => b.FileSize, 1024));

        Assert.Equal(25, cut.Instance.Percent);
        Assert.Equal("5,000 rows read · 4,990 good · 10 bad", cut.Find("[data-testid=import-progress-text]").TextContent.Trim());
        Assert.Equal("25", cut.Find("[data-testid=import-progress-bar]").GetAttribute("aria-valuenow"));

        cut.Render(p => p.Add(b => b.Progress, new ImportProgress(9_000, 8_990, 10, 1024)));
        Assert.Equal(100, cut.Instance.Percent);
    }

    private static string SelectedText(IRenderedComponent<MudDialogProvider> dialogs, string field) =>
        dialogs.Find($"[data-testid=map-{field}]").Closest(".mud-input-control")!.QuerySelector("input")!.GetAttribute("value") ?? "";
}
