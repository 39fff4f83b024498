using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Leads;

/// The public key a creator's landing page posts leads with. It is not a secret (it sits in page source), so it only
/// names the company; rotating it retires a key that is being abused.
public sealed class LeadCaptureKeys(IDbContextFactory<RevenueAngelDbContext> contexts)
{
    public const string Prefix = "lck_";

    public async Task<string> GetOrCreateAsync(CompanyScope company, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = await db.Companies.Where(c => c.Id == company.Id).Select(c => c.LeadCaptureKey).SingleAsync(ct);
        if (key is not null) return key;
        var fresh = NewKey();
        // Two first visits at once must agree on one key: only a still-empty column is filled.
        await db.Companies.Where(c => c.Id == company.Id && c.LeadCaptureKey == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LeadCaptureKey, fresh), ct);
        return await db.Companies.Where(c => c.Id == company.Id).Select(c => c.LeadCaptureKey!).SingleAsync(ct);
    }

    public async Task<string> RotateAsync(CompanyScope company, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var fresh = NewKey();
        await db.Companies.Where(c => c.Id == company.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LeadCaptureKey, fresh), ct);
        return fresh;
    }

    /// The company a capture key names, or null for an unknown or rotated-away key.
    public async Task<string?> CompanyForAsync(string key, CancellationToken ct = default)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length > 64) return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Companies.AsNoTracking().Where(c => c.LeadCaptureKey == key).Select(c => c.Id).SingleOrDefaultAsync(ct);
    }

    private static string NewKey() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
