using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Webhooks;

/// Plans an event names that we have not stored (created since the last sync) come from Whop before the batch is
/// applied, outside any transaction and with a short timeout: a slow or failing Whop never holds a batch's row
/// locks. A plan Whop does not give is recorded with the reason; its events fail and are retried later.
public sealed partial class WebhookPlans(IDbContextFactory<RevenueAngelDbContext> contexts, WhopClient whop, IOptions<WebhookOptions> options,
    ILogger<WebhookPlans> logger)
{
    public async Task FetchAsync(IReadOnlyList<(string CompanyId, string PlanId)> plans, ConcurrentDictionary<string, string> problems,
        CancellationToken ct)
    {
        var seconds = options.Value.PlanFetchTimeoutSeconds;
        foreach (var (companyId, planId) in plans)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
                var plan = await whop.GetPlanAsync(planId, timeout.Token);
                await using var db = await contexts.CreateDbContextAsync(ct);
                if (await db.Plans.AnyAsync(p => p.Id == planId, ct)) continue;
                var row = new Plan { Id = planId, CompanyId = companyId, Title = planId };
                MembershipSyncBatch.Apply(plan, row);
                row.Title = StoredText.Fit(row.Title, 200);
                db.Plans.Add(row);
                await db.SaveChangesAsync(ct);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                problems[planId] = $"Whop did not answer for plan {planId} within {seconds} s";
                LogUnavailable(planId, problems[planId]);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                problems[planId] = $"Whop did not give plan {planId}: {e.Message}";
                LogUnavailable(planId, problems[planId]);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Plan {PlanId} named by a webhook could not be fetched: {Problem}")]
    private partial void LogUnavailable(string planId, string problem);
}
