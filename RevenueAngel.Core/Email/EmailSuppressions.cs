using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Email;

public sealed record SuppressionRow(long Id, string Address, SuppressionReason Reason, DateTimeOffset At, string? Note,
    DateTimeOffset? RemovedAt, string? RemovalReason);

/// One page of the list for the Leads page, with how many entries match in all.
public sealed record SuppressionPage(IReadOnlyList<SuppressionRow> Items, int Total);

/// The company's suppression list: read with every dispatcher batch (DispatchBatch), written by unsubscribes, hard bounces and admins.
public sealed class EmailSuppressions(IDbContextFactory<RevenueAngelDbContext> contexts, TimeProvider time)
{
    /// Idempotent: an address already suppressed keeps its first reason and time.
    public async Task SuppressAsync(string companyId, string address, SuppressionReason reason, string? note, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await SuppressAsync(db, companyId, address, reason, note, time.GetUtcNow(), ct);
    }

    internal static async Task SuppressAsync(RevenueAngelDbContext db, string companyId, string address, SuppressionReason reason, string? note,
        DateTimeOffset now, CancellationToken ct)
    {
        var normalized = Leads.Lead.NormalizeEmail(address);
        var existing = await db.EmailSuppressions.SingleOrDefaultAsync(s => s.CompanyId == companyId && s.Address == normalized, ct);
        if (existing is not null)
        {
            existing.Reopen(reason, now, note);
            await db.SaveChangesAsync(ct);
            return;
        }
        db.EmailSuppressions.Add(EmailSuppression.Of(companyId, normalized, reason, now, note));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two unsubscribes at once (a mail client's one-click POST and the person's click): the other one wrote it.
            db.ChangeTracker.Clear();
        }
    }

    public async Task<IReadOnlyList<SuppressionRow>> ListAsync(CompanyScope company, bool includeRemoved = false, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.EmailSuppressions.AsNoTracking()
            .Where(s => s.CompanyId == company.Id && (includeRemoved || s.RemovedAt == null))
            .Select(s => new SuppressionRow(s.Id, s.Address, s.Reason, s.At, s.Note, s.RemovedAt, s.RemovalReason))
            .ToListAsync(ct);
        return [.. rows.OrderByDescending(r => r.At)];
    }

    /// Newest first, optionally only addresses containing <paramref name="search"/>; bounded by <paramref name="take"/>.
    public async Task<SuppressionPage> PageAsync(CompanyScope company, string? search, bool includeRemoved, int skip, int take,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.EmailSuppressions.AsNoTracking().Where(s => s.CompanyId == company.Id && (includeRemoved || s.RemovedAt == null));
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(s => s.Address.Contains(term));
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(s => s.At).ThenByDescending(s => s.Id).Skip(skip).Take(Math.Min(take, 200))
            .Select(s => new SuppressionRow(s.Id, s.Address, s.Reason, s.At, s.Note, s.RemovedAt, s.RemovalReason))
            .ToListAsync(ct);
        return new SuppressionPage(items, total);
    }

    /// An admin's own entry ("this person asked us by mail"): the address is checked as a capture form would.
    public async Task<string?> AddAsync(CompanyScope company, string? address, string? note, CancellationToken ct = default)
    {
        var (email, problem) = Leads.LeadEmail.Check(address);
        if (email is null) return problem;
        await SuppressAsync(company.Id, email, SuppressionReason.Admin, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), ct);
        return null;
    }

    /// False when the company has no such active entry (another company's id included).
    public async Task<bool> RemoveAsync(CompanyScope company, long id, string reason, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.EmailSuppressions.SingleOrDefaultAsync(s => s.Id == id && s.CompanyId == company.Id && s.RemovedAt == null, ct);
        if (row is null) return false;
        row.Remove(time.GetUtcNow(), reason);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
