using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Email;

public sealed record SuppressionRow(long Id, string Address, SuppressionReason Reason, DateTimeOffset At, string? Note,
    DateTimeOffset? RemovedAt, string? RemovalReason);

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
