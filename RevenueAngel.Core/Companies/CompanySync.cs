using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Companies;

/// Copies a company's plans, members, memberships and our app's experience from Whop, paging through
/// everything, then reconciles the payments Whop changed since the last sync (PaymentReconcile: through the webhook
/// handlers, so a missed delivery heals). Running it again changes nothing; an older Whop copy never overwrites a newer
/// one; a 401/403 marks the company disconnected.
public sealed partial class CompanySync(
    IDbContextFactory<RevenueAngelDbContext> contexts,
    WhopClient whop,
    MembershipSyncBatch batch,
    Leads.WaitlistSync waitlist,
    PaymentReconcile payments,
    IOptions<WhopOptions> options,
    TimeProvider time,
    ILogger<CompanySync> logger)
{
    private static readonly TimeSpan StuckAfter = TimeSpan.FromHours(1);

    /// Syncs every company that asked for it or whose last sync is older than Whop:SyncIntervalHours.
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var staleBefore = now.AddHours(-options.Value.SyncIntervalHours);
        var stuckBefore = now - StuckAfter;
        List<string> due;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            due = await db.Companies
                .Where(c => c.Sync.Status != SyncStatus.Running || c.Sync.StartedAt < stuckBefore)
                // The demo company syncs (from the demo's fake Whop) only when asked to.
                .Where(c => c.Sync.RequestedAt != null
                            || (!c.IsDemo && c.Sync.DisconnectedAt == null && (c.Sync.CompletedAt == null || c.Sync.CompletedAt < staleBefore)))
                .Select(c => c.Id)
                .ToListAsync(ct);
        }
        foreach (var companyId in due) await SyncAsync(companyId, ct);
        return due.Count;
    }

    public async Task SyncAsync(string companyId, CancellationToken ct = default)
    {
        await UpdateStateAsync(companyId, s =>
        {
            (s.Status, s.RequestedAt, s.StartedAt, s.Progress, s.LastError) = (SyncStatus.Running, null, time.GetUtcNow(), "Plans", null);
        }, ct);
        try
        {
            var plans = await SyncPlansAsync(companyId, ct);
            var products = await whop.ListProductsAsync(companyId, ct).CountAsync(ct);
            var experience = await whop.ListExperiencesAsync(companyId, options.Value.AppId, ct).FirstOrDefaultAsync(ct);
            var (members, memberships) = await SyncMembershipsAsync(companyId, ct);
            if (options.Value.WaitlistEntriesPath is { Length: > 0 } waitlistPath) await waitlist.SyncAsync(companyId, waitlistPath, ct);
            if (!await IsDemoAsync(companyId, ct))
            {
                await UpdateStateAsync(companyId, s => s.Progress = "Payments", ct);
                await payments.ReconcileAsync(companyId, ct);
            }
            await UpdateStateAsync(companyId, s =>
            {
                (s.Status, s.CompletedAt, s.DisconnectedAt, s.Progress) = (SyncStatus.Idle, time.GetUtcNow(), null, "Up to date");
                (s.Plans, s.Products, s.Members, s.Memberships) = (plans, products, members, memberships);
            }, ct, company => company.WhopExperienceId = experience?.Id ?? company.WhopExperienceId);
        }
        catch (WhopApiException e) when (e.IsAccessRevoked)
        {
            LogDisconnected(companyId, (int)e.StatusCode, e.ErrorMessage);
            await UpdateStateAsync(companyId, s =>
            {
                (s.Status, s.DisconnectedAt, s.LastError, s.Progress) = (SyncStatus.Disconnected, time.GetUtcNow(), e.ErrorMessage, null);
            }, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, companyId);
            await UpdateStateAsync(companyId, s => (s.Status, s.LastError, s.Progress) = (SyncStatus.Failed, e.Message, null), CancellationToken.None);
        }
    }

    private async Task<int> SyncPlansAsync(string companyId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var existing = await db.Plans.Where(p => p.CompanyId == companyId).ToDictionaryAsync(p => p.Id, ct);
        var count = 0;
        await foreach (var plan in whop.ListPlansAsync(companyId, ct: ct))
        {
            if (!existing.TryGetValue(plan.Id, out var row))
            {
                row = new Billing.Plan { Id = plan.Id, CompanyId = companyId, Title = plan.Title ?? plan.Id };
                db.Plans.Add(row);
                existing[plan.Id] = row;
            }
            MembershipSyncBatch.Apply(plan, row);
            count++;
        }
        await db.SaveChangesAsync(ct);
        return count;
    }

    private async Task<(int Members, int Memberships)> SyncMembershipsAsync(string companyId, CancellationToken ct)
    {
        var page = new List<WhopMembership>(WhopClient.PageSize);
        var users = new HashSet<string>();
        var memberships = 0;
        await foreach (var membership in whop.ListMembershipsAsync(companyId, ct: ct))
        {
            page.Add(membership);
            if (membership.User?.Id is { } userId) users.Add(userId);
            if (page.Count < WhopClient.PageSize) continue;
            memberships += await batch.ApplyAsync(companyId, page, ct);
            page.Clear();
            await UpdateStateAsync(companyId, s => s.Progress = $"Memberships: {memberships:N0}", ct);
        }
        memberships += await batch.ApplyAsync(companyId, page, ct);
        return (users.Count, memberships);
    }

    /// The demo company's payments are seeded here and mirrored into its fake Whop: there is nothing to heal.
    private async Task<bool> IsDemoAsync(string companyId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Companies.AnyAsync(c => c.Id == companyId && c.IsDemo, ct);
    }

    private async Task UpdateStateAsync(string companyId, Action<CompanySyncState> change, CancellationToken ct, Action<Company>? alsoCompany = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var company = await db.Companies.SingleAsync(c => c.Id == companyId, ct);
        change(company.Sync);
        alsoCompany?.Invoke(company);
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(LogLevel.Warning, "Whop refused company {CompanyId} ({Status}: {Message}); marked disconnected")]
    private partial void LogDisconnected(string companyId, int status, string message);

    [LoggerMessage(LogLevel.Error, "Sync of company {CompanyId} failed")]
    private partial void LogFailed(Exception exception, string companyId);
}
