using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Webhooks;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Leads;

/// The optional part of a company sync that lists its waitlist entries (Whop:WaitlistEntriesPath, unconfirmed in v1)
/// and makes them leads as the entry.* webhooks would. Entries with an unusable id or no user are skipped.
public sealed class WaitlistSync(IDbContextFactory<RevenueAngelDbContext> contexts, WhopClient whop, TimeProvider time)
{
    public async Task<int> SyncAsync(string companyId, string path, CancellationToken ct = default)
    {
        var count = 0;
        await foreach (var entry in whop.ListWaitlistEntriesAsync(companyId, path, ct))
        {
            if (!StoredText.IsUsableId(entry.Id) || !StoredText.IsUsableId(entry.User?.Id)) continue;
            var status = StoredText.IsUsableId(entry.Status, 32) ? entry.Status! : "pending";
            await using var db = await contexts.CreateDbContextAsync(ct);
            if (await WhopLeads.FromWaitlistEntryAsync(db, companyId, entry, status, time.GetUtcNow(), ct) is not null) count++;
        }
        return count;
    }
}
