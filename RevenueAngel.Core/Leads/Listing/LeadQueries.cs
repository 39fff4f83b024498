using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Leads.Listing;

/// The Leads page's and the REST API's reads: a filtered list with keyset (cursor) paging in a stable order, its
/// count, the sources to filter by, the export and one lead's detail.
public sealed class LeadQueries(IDbContextFactory<RevenueAngelDbContext> contexts)
{
    public const int MaxPageSize = 200;

    private static readonly Expression<Func<Lead, bool>> NotReachableNow =
        Expression.Lambda<Func<Lead, bool>>(Expression.Not(LeadReach.ReachableNow.Body), LeadReach.ReachableNow.Parameters);

    public async Task<LeadPage> ListAsync(CompanyScope company, LeadFilter filter, LeadCursor? after = null, int limit = 50, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = Filtered(db, company, filter);
        if (after is { } c) query = query.Where(l => l.CapturedAt < c.CapturedAt || (l.CapturedAt == c.CapturedAt && l.Id < c.Id));
        var leads = await Ordered(query).Take(limit + 1).ToListAsync(ct);
        var items = leads.Take(limit).Select(ToRow).ToList();
        var next = leads.Count > limit ? new LeadCursor(items[^1].CapturedAt, items[^1].Id).Encode() : null;
        return new LeadPage(items, next);
    }

    public async Task<int> CountAsync(CompanyScope company, LeadFilter filter, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Filtered(db, company, filter).CountAsync(ct);
    }

    /// The sources a lead can have, then any older ones the company's leads still carry.
    public async Task<IReadOnlyList<string>> SourcesAsync(CompanyScope company, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.Leads.Where(l => l.CompanyId == company.Id).Select(l => l.Source).Distinct().ToListAsync(ct);
        return [.. LeadSources.All, .. stored.Except(LeadSources.All).Order(StringComparer.Ordinal)];
    }

    public async IAsyncEnumerable<LeadRow> ExportAsync(CompanyScope company, LeadFilter filter, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await foreach (var lead in Ordered(Filtered(db, company, filter)).AsAsyncEnumerable().WithCancellation(ct)) yield return ToRow(lead);
    }

    /// One lead of the company with its timeline; null for another company's lead or none.
    public async Task<LeadDetail?> GetAsync(CompanyScope company, long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var lead = await db.Leads.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id && l.CompanyId == company.Id, ct);
        if (lead is null) return null;
        return new LeadDetail(ToRow(lead), lead.WhopUserId, lead.MemberId, lead.ConsentText, lead.ConsentAt, lead.WaitlistEntryId,
            lead.ConvertedPaymentId, await LeadTimeline.LoadAsync(db, lead, ct));
    }

    private static IQueryable<Lead> Filtered(RevenueAngelDbContext db, CompanyScope company, LeadFilter filter)
    {
        var query = db.Leads.AsNoTracking().Where(l => l.CompanyId == company.Id);
        if (filter.Search?.Trim().ToLowerInvariant() is { Length: > 0 } search)
            query = query.Where(l => (l.Email != null && l.Email.Contains(search)) || (l.Name != null && l.Name.ToLower().Contains(search)));
        if (!string.IsNullOrEmpty(filter.Source)) query = query.Where(l => l.Source == filter.Source);
        if (filter.Status is { } status) query = query.Where(l => l.Status == status);
        if (filter.Reachable is { } reachable) query = query.Where(reachable ? LeadReach.ReachableNow : NotReachableNow);
        if (filter.CapturedFrom is { } from) query = query.Where(l => l.CapturedAt >= from);
        if (filter.CapturedTo is { } to) query = query.Where(l => l.CapturedAt < to);
        return query;
    }

    private static IQueryable<Lead> Ordered(IQueryable<Lead> query) => query.OrderByDescending(l => l.CapturedAt).ThenByDescending(l => l.Id);

    private static LeadRow ToRow(Lead l) =>
        new(l.Id, l.Email, l.Name, l.Source, l.Status, LeadReach.Channels(l), l.EmailConsent, l.UtmSource, l.CapturedAt, l.ConvertedAt);
}
