using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Companies;

/// Upserts one page of Whop memberships with their members (and any plan not seen yet) in one unit of work:
/// two lookups per page, not per row. Members on a free plan also become leads (WhopLeads), a few lookups each.
public sealed class MembershipSyncBatch(IDbContextFactory<RevenueAngelDbContext> contexts, WhopClient whop, TimeProvider time)
{
    public async Task<int> ApplyAsync(string companyId, IReadOnlyList<WhopMembership> page, CancellationToken ct)
    {
        var usable = page.Where(m => m.User?.Id is not null && m.Plan?.Id is not null).ToList();
        if (usable.Count == 0) return 0;
        await using var db = await contexts.CreateDbContextAsync(ct);

        var userIds = usable.Select(m => m.User!.Id).Distinct().ToList();
        var members = await db.Members.Where(m => m.CompanyId == companyId && userIds.Contains(m.WhopUserId))
            .ToDictionaryAsync(m => m.WhopUserId, ct);
        foreach (var membership in usable)
        {
            var user = membership.User!;
            if (!members.TryGetValue(user.Id, out var member))
            {
                member = new Member { CompanyId = companyId, WhopUserId = user.Id, CreatedAt = membership.CreatedAt ?? membership.JoinedAt ?? DateTimeOffset.UnixEpoch };
                db.Members.Add(member);
                members[user.Id] = member;
            }
            member.WhopMemberId = membership.Member?.Id ?? member.WhopMemberId;
            member.Name = user.Name ?? member.Name;
            member.Username = user.Username ?? member.Username;
            member.Email = user.Email ?? member.Email;
        }
        await EnsurePlansAsync(db, companyId, usable.Select(m => m.Plan!.Id).Distinct().ToList(), ct);
        await db.SaveChangesAsync(ct);

        var ids = usable.Select(m => m.Id).ToList();
        var existing = await db.Memberships.Where(m => m.CompanyId == companyId && ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        foreach (var whopMembership in usable)
        {
            var updatedAt = whopMembership.UpdatedAt ?? whopMembership.CreatedAt ?? DateTimeOffset.UnixEpoch;
            if (!existing.TryGetValue(whopMembership.Id, out var row))
            {
                row = new Membership
                {
                    Id = whopMembership.Id, CompanyId = companyId, MemberId = members[whopMembership.User!.Id].Id,
                    PlanId = whopMembership.Plan!.Id, Status = whopMembership.Status, CreatedAt = whopMembership.CreatedAt ?? updatedAt,
                };
                db.Memberships.Add(row);
            }
            else if (row.UpdatedAt > updatedAt)
            {
                continue;
            }
            row.PlanId = whopMembership.Plan!.Id;
            row.ProductId = whopMembership.Product?.Id;
            row.Status = whopMembership.Status;
            row.CancelAtPeriodEnd = whopMembership.CancelAtPeriodEnd;
            row.ManageUrl = Webhooks.WhopMirror.ManageUrlOf(whopMembership) ?? row.ManageUrl;
            row.CancelOption = Webhooks.WhopMirror.CancelOptionOf(whopMembership);
            row.RenewalPeriodEnd = whopMembership.RenewalPeriodEnd;
            row.UpdatedAt = updatedAt;
        }
        await db.SaveChangesAsync(ct);
        await FreeMembersBecomeLeadsAsync(db, companyId, usable, members, ct);
        return usable.Count;
    }

    private async Task FreeMembersBecomeLeadsAsync(RevenueAngelDbContext db, string companyId, List<WhopMembership> page,
        Dictionary<string, Member> members, CancellationToken ct)
    {
        var planIds = page.Select(m => m.Plan!.Id).Distinct().ToList();
        var free = (await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToListAsync(ct)).Where(Leads.WhopLeads.IsFree).Select(p => p.Id).ToHashSet();
        if (free.Count == 0) return;
        foreach (var membership in page.Where(m => free.Contains(m.Plan!.Id)))
            await Leads.WhopLeads.FromMembershipAsync(db, companyId, members[membership.User!.Id], membership.Plan!.Id,
                membership.CreatedAt ?? membership.JoinedAt ?? time.GetUtcNow(), time.GetUtcNow(), ct);
    }

    /// A membership can be on a plan the plan list does not show (hidden, archived): fetch it.
    private async Task EnsurePlansAsync(RevenueAngelDbContext db, string companyId, List<string> planIds, CancellationToken ct)
    {
        var known = await db.Plans.Where(p => planIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        foreach (var planId in planIds.Except(known))
        {
            var plan = await whop.GetPlanAsync(planId, ct);
            var row = new Plan { Id = plan.Id, CompanyId = companyId, Title = plan.Title ?? plan.Id };
            Apply(plan, row);
            db.Plans.Add(row);
        }
    }

    internal static void Apply(WhopPlan plan, Plan row)
    {
        row.Title = plan.Title ?? row.Title;
        row.ProductId = plan.Product?.Id ?? row.ProductId;
        row.RenewalPriceCents = plan.RenewalPriceMoney.Cents;
        row.InitialPriceCents = plan.InitialPriceMoney.Cents;
        row.BillingPeriodDays = plan.PlanType == "one_time" ? null : plan.BillingPeriod;
        row.Currency = plan.RenewalPriceMoney.Currency;
    }
}
