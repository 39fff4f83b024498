using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Members;

/// The experience view's data for one member: scoped to the company that owns the experience.
public sealed class MemberViewQueries(IDbContextFactory<RevenueAngelDbContext> contexts)
{
    /// Null when no installed company owns the experience.
    public async Task<MemberView?> GetAsync(string experienceId, string? whopUserId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var company = await db.Companies.AsNoTracking()
            .Where(c => c.WhopExperienceId == experienceId).Select(c => new { c.Id, c.Name }).FirstOrDefaultAsync(ct);
        if (company is null) return null;

        var member = whopUserId is null
            ? null
            : await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.CompanyId == company.Id && m.WhopUserId == whopUserId, ct);
        if (member is null) return new MemberView(company.Name, null, [], null);

        var lines = await db.Memberships.AsNoTracking()
            .Where(m => m.CompanyId == company.Id && m.MemberId == member.Id)
            .Join(db.Plans, m => m.PlanId, p => p.Id, (m, p) => new MemberView.MembershipLine(p.Title, m.Status, m.CancelAtPeriodEnd, m.RenewalPeriodEnd))
            .ToListAsync(ct);
        var manageUrl = member.WhopMemberId is { } id ? $"https://whop.com/billing/manage/{id}/" : null;
        return new MemberView(company.Name, member.Name ?? member.Username, lines, manageUrl);
    }
}
