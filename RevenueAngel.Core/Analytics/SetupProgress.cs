using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Analytics;

public sealed class SetupProgress(IDbContextFactory<RevenueAngelDbContext> contexts)
{
    public async Task<SetupChecklist> ForCompanyAsync(string companyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var synced = await db.Companies.Where(c => c.Id == companyId).Select(c => (bool?)(c.Sync.CompletedAt != null)).SingleOrDefaultAsync(ct);
        return new SetupChecklist(
            Installed: synced is not null,
            FirstSyncDone: synced == true,
            PlaybookEnabled: await db.Playbooks.AnyAsync(p => p.CompanyId == companyId && p.Enabled && p.DeletedAt == null, ct),
            WebhookReceived: await db.WebhookEvents.AnyAsync(e => e.CompanyId == companyId, ct),
            FirstConversion: await db.Conversions.AnyAsync(c => c.CompanyId == companyId, ct));
    }
}
