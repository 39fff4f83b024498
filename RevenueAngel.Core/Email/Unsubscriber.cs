using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Email;

/// <param name="CompanyName">Whose emails the link stops.</param>
public sealed record UnsubscribeTarget(string CompanyId, string CompanyName, string Address);

/// The `/u/{token}` link: whose emails it stops, and stopping them at once (idempotent, no login).
public sealed class Unsubscriber(IDbContextFactory<RevenueAngelDbContext> contexts, UnsubscribeTokens tokens, EmailSuppressions suppressions)
{
    /// Null for a forged or altered token, or one naming a company we do not have.
    public async Task<UnsubscribeTarget?> ReadAsync(string token, CancellationToken ct = default)
    {
        if (tokens.Read(token) is not var (companyId, address)) return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var name = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.EmailSenderName ?? c.Name).SingleOrDefaultAsync(ct);
        return name is null ? null : new UnsubscribeTarget(companyId, name, address);
    }

    public async Task<UnsubscribeTarget?> UnsubscribeAsync(string token, string via, CancellationToken ct = default)
    {
        if (await ReadAsync(token, ct) is not { } target) return null;
        await suppressions.SuppressAsync(target.CompanyId, target.Address, SuppressionReason.Unsubscribed, via, ct);
        return target;
    }
}
