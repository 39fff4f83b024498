using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Companies;

/// The Settings page's reads and writes for one company (the caller has checked the user administers it).
public sealed class CompanyAdministration(
    IDbContextFactory<RevenueAngelDbContext> contexts, WhopClient whop, IOptions<WhopOptions> options, TimeProvider time)
{
    public async Task<CompanyConnection?> GetConnectionAsync(string companyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == companyId, ct);
        return company is null
            ? null
            : new CompanyConnection(company.Name, company.IsDemo, company.WhopExperienceId, company.Sync,
                options.Value.WebhookSecrets.Any(s => !string.IsNullOrWhiteSpace(s)));
    }

    public async Task<CompanySettings?> GetSettingsAsync(string companyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == companyId, ct);
        return company is null ? null : CompanySettings.Of(company);
    }

    /// Saves valid settings; returns what is wrong otherwise, and saves nothing.
    public async Task<IReadOnlyList<string>> SaveSettingsAsync(CompanyScope scope, CompanySettings settings, CancellationToken ct = default)
    {
        var companyId = scope.Id;
        var problems = new List<ValidationResult>();
        var context = new ValidationContext(settings);
        // The validator skips the cross-field rules once a field fails; a creator should see every problem at once.
        if (!Validator.TryValidateObject(settings, context, problems, validateAllProperties: true))
            return [.. problems.Concat(settings.Validate(context)).Select(p => p.ErrorMessage ?? "Invalid value").Distinct()];
        await using var db = await contexts.CreateDbContextAsync(ct);
        var company = await db.Companies.SingleAsync(c => c.Id == companyId, ct);
        settings.ApplyTo(company);
        await db.SaveChangesAsync(ct);
        return [];
    }

    public async Task RequestSyncAsync(CompanyScope scope, CancellationToken ct = default)
    {
        var companyId = scope.Id;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var company = await db.Companies.SingleAsync(c => c.Id == companyId, ct);
        company.Sync.RequestedAt = time.GetUtcNow();
        company.Sync.Progress = "Waiting to start";
        await db.SaveChangesAsync(ct);
    }

    /// Probes each read the product depends on; a 403 means the creator has not approved that permission.
    public async Task<IReadOnlyList<PermissionCheck>> CheckPermissionsAsync(string companyId, CancellationToken ct = default) =>
    [
        await ProbeAsync("company:basic:read", "Company name", () => whop.GetCompanyAsync(companyId, ct)),
        await ProbeAsync("plan:basic:read", "Plans and prices", () => whop.ListPlansAsync(companyId, ct: ct).FirstOrDefaultAsync(ct).AsTask()),
        await ProbeAsync("access_pass:basic:read", "Products", () => whop.ListProductsAsync(companyId, ct).FirstOrDefaultAsync(ct).AsTask()),
        await ProbeAsync("member:basic:read", "Members and memberships", () => whop.ListMembershipsAsync(companyId, ct: ct).FirstOrDefaultAsync(ct).AsTask()),
        await ProbeAsync("payment:basic:read", "Payments and revenue", () => whop.ListPaymentsAsync(companyId, ct: ct).FirstOrDefaultAsync(ct).AsTask()),
    ];

    private static async Task<PermissionCheck> ProbeAsync<T>(string permission, string purpose, Func<Task<T>> read)
    {
        try
        {
            await read();
            return new PermissionCheck(permission, purpose, true, null);
        }
        catch (WhopApiException e)
        {
            return new PermissionCheck(permission, purpose, false, e.ErrorMessage);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            return new PermissionCheck(permission, purpose, false, "Whop did not answer");
        }
    }
}
