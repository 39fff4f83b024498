using System.Text;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Leads;
using RevenueAngel.Core.Leads.Import;
using RevenueAngel.Tests.Infrastructure;

namespace RevenueAngel.Tests.Leads;

/// A fresh company on a running Core, and CSV text to import for it.
public sealed record LeadImportWorld(CoreHost Core, CompanyScope Company)
{
    public static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static async Task<LeadImportWorld> CreateAsync(CoreHost core)
    {
        var id = $"biz_{Guid.NewGuid():N}"[..16];
        await using var db = core.CreateDbContext();
        db.Companies.Add(new Company { Id = id, Name = $"Company {id}", InstalledAt = At });
        await db.SaveChangesAsync();
        return new LeadImportWorld(core, new CompanyScope(id));
    }

    public static Stream Csv(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    public Task<LeadImportReport> ImportAsync(string csv, LeadImportMapping? mapping = null, IProgress<ImportProgress>? progress = null) =>
        Core.Get<LeadImporter>().ImportAsync(Company, Csv(csv), mapping, progress, Xunit.TestContext.Current.CancellationToken);

    public async Task<List<Lead>> LeadsAsync()
    {
        await using var db = Core.CreateDbContext();
        return await db.Leads.AsNoTracking().Where(l => l.CompanyId == Company.Id).OrderBy(l => l.Email).ToListAsync();
    }

    public async Task AddLeadAsync(string email, string? name = null, bool consent = false, LeadStatus status = LeadStatus.New, string source = LeadSources.Web)
    {
        await using var db = Core.CreateDbContext();
        db.Leads.Add(new Lead
        {
            CompanyId = Company.Id, Email = email, Name = name, Source = source, Status = status, CapturedAt = At,
            EmailConsent = consent, ConsentText = consent ? "Shown on the form" : null, ConsentAt = consent ? At : null,
        });
        await db.SaveChangesAsync();
    }
}

/// Collects progress reports as they are made (Progress<T> would post them elsewhere, later).
public sealed class ProgressLog : IProgress<ImportProgress>
{
    private readonly List<ImportProgress> _reports = [];

    public IReadOnlyList<ImportProgress> Reports
    {
        get
        {
            lock (_reports) return [.. _reports];
        }
    }

    public void Report(ImportProgress value)
    {
        lock (_reports) _reports.Add(value);
    }
}
