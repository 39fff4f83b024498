using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Analytics;

internal sealed record PlaybookHeader(long Id, string Name, PlaybookType Type, bool Deleted)
{
    public RevenueModule Module => Type switch
    {
        PlaybookType.Nurture => RevenueModule.Nurture,
        PlaybookType.Upsell => RevenueModule.TierLift,
        _ => RevenueModule.ChurnSave,
    };

    /// A company has a handful of playbooks: loaded once, joined in memory.
    public static async Task<Dictionary<long, PlaybookHeader>> ForCompanyAsync(RevenueAngelDbContext db, string companyId, CancellationToken ct) =>
        await db.Playbooks.AsNoTracking()
            .Where(p => p.CompanyId == companyId)
            .Select(p => new PlaybookHeader(p.Id, p.Name, p.Type, p.DeletedAt != null))
            .ToDictionaryAsync(p => p.Id, ct);
}
