using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Companies;

/// Whop sends no install event (reference §2.3): the first admin visit of an unknown company installs it —
/// the company row, the default playbooks (disabled) and a sync request — in one transaction; then the first
/// sync starts at once.
public sealed partial class CompanyInstaller(
    IDbContextFactory<RevenueAngelDbContext> contexts, WhopClient whop, IFirstSyncStarter firstSync, TimeProvider time, ILogger<CompanyInstaller> logger)
{
    /// Returns true when this call installed the company.
    public async Task<bool> EnsureInstalledAsync(string companyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Companies.AnyAsync(c => c.Id == companyId, ct)) return false;

        var whopCompany = await whop.GetCompanyAsync(companyId, ct);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Companies.Add(new Company
        {
            Id = companyId, Name = whopCompany.Title ?? companyId, InstalledAt = now,
            Sync = new CompanySyncState { RequestedAt = now, Progress = "Waiting to start" },
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request installed it first: that is success, anything else is not.
            if (await IsInstalledAsync(companyId, ct)) return false;
            throw;
        }
        await DefaultPlaybooks.InstallAsync(db, companyId, now, enabled: false, ct);
        await transaction.CommitAsync(ct);
        LogInstalled(companyId);
        await firstSync.StartAsync(companyId, CancellationToken.None);
        return true;
    }

    private async Task<bool> IsInstalledAsync(string companyId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Companies.AnyAsync(c => c.Id == companyId, ct);
    }

    [LoggerMessage(LogLevel.Information, "Installed RevenueAngel for company {CompanyId}")]
    private partial void LogInstalled(string companyId);
}
