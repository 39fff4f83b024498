using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Billing;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Leads;

/// Leads that come from Whop: members on a free plan, and people on a waitlist. Each has a Whop user, so push and
/// direct messages reach it from the start. Caller's context and transaction.
public static class WhopLeads
{
    /// Waitlist statuses that still ask to join; a denied or deleted entry only updates the lead it made.
    private static readonly string[] Asking = ["drafted", "pending", "approved"];

    public static bool IsFree(Plan plan) => plan.RenewalPriceCents == 0 && plan.InitialPriceCents == 0;

    /// A membership on a plan priced 0 makes its member a lead (source whop_free_plan), or links the lead they already
    /// are. Someone who has paid the company is a customer, not a lead.
    public static async Task<Lead?> FromMembershipAsync(RevenueAngelDbContext db, string companyId, Member member, string planId,
        DateTimeOffset at, DateTimeOffset now, CancellationToken ct) =>
        await FromMembershipAsync(db, companyId, member, await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, ct), at, now, ct);

    /// <param name="plan">The membership's plan, as stored (null: not stored).</param>
    public static async Task<Lead?> FromMembershipAsync(RevenueAngelDbContext db, string companyId, Member member, Plan? plan,
        DateTimeOffset at, DateTimeOffset now, CancellationToken ct)
    {
        if (plan is null || !IsFree(plan)) return null;
        if (await db.Payments.AnyAsync(p => p.MemberId == member.Id && p.PaidAt != null && p.TotalCents > 0, ct)) return null;
        return await LeadLinker.FindOrCreateAsync(db, companyId, new WhopLeadIdentity(member.WhopUserId, member.Email, member.Name, member.Id),
            LeadSources.WhopFreePlan, at, now, ct);
    }

    /// A waitlist entry makes or links its user's lead (source whop_waitlist) and records the entry and its status.
    public static async Task<Lead?> FromWaitlistEntryAsync(RevenueAngelDbContext db, string companyId, WhopEntry entry, string status,
        DateTimeOffset now, CancellationToken ct)
    {
        var user = entry.User!;
        var memberId = await db.Members.Where(m => m.CompanyId == companyId && m.WhopUserId == user.Id).Select(m => (long?)m.Id).SingleOrDefaultAsync(ct);
        var who = new WhopLeadIdentity(user.Id, user.Email, user.Name ?? user.Username, memberId);
        var lead = Asking.Contains(status)
            ? await LeadLinker.FindOrCreateAsync(db, companyId, who, LeadSources.WhopWaitlist, entry.CreatedAt ?? now, now, ct)
            : await LeadLinker.FindAsync(db, companyId, who, now, ct);
        if (lead is null) return null;
        (lead.WaitlistEntryId, lead.WaitlistStatus) = (entry.Id, status);
        await db.SaveChangesAsync(ct);
        return lead;
    }
}
