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

    /// A message we sent this member, for the notification's deep link; null for anyone else's message.
    public async Task<MemberMessage?> MessageAsync(string experienceId, string whopUserId, long sendId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Sends.AsNoTracking()
            .Where(s => s.Id == sendId && s.Title != null)
            .Join(db.Companies.Where(c => c.WhopExperienceId == experienceId), s => s.CompanyId, c => c.Id, (s, c) => s)
            .Join(db.Enrollments.Where(e => e.SubjectKind == Playbooks.SubjectKind.Member), s => s.EnrollmentId, e => e.Id, (s, e) => new { s, e.SubjectId })
            .Join(db.Members.Where(m => m.WhopUserId == whopUserId), x => x.SubjectId, m => m.Id,
                // Through the tracked link when there is one, so a tap from the app counts as a click too.
                (x, m) => new MemberMessage(x.s.Title!, x.s.Body ?? "", x.s.CtaLabel, x.s.ClickToken != null ? "/r/" + x.s.ClickToken : x.s.CtaUrl))
            .FirstOrDefaultAsync(ct);
    }
}

public sealed record MemberMessage(string Title, string Body, string? CtaLabel, string? CtaUrl);
