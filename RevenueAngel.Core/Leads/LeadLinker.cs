using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Webhooks;

namespace RevenueAngel.Core.Leads;

/// Puts a Whop user and the company's leads together, inside the caller's context and transaction: the lead already
/// linked to the user, else the lead with the user's email (linked now, so push and direct messages reach it and its
/// parked sends resume). A person known both ways (a web lead by email, a Whop lead by user id) becomes one lead.
public static class LeadLinker
{
    public const string MergedReason = "merged into the same person's other lead";

    /// The company's lead for this user, linked to them; null when there is none.
    public static async Task<Lead?> FindAsync(RevenueAngelDbContext db, string companyId, WhopLeadIdentity who, DateTimeOffset now,
        CancellationToken ct, bool wake = true)
    {
        var email = LeadEmail.Check(who.Email).Email;
        var candidates = await db.Leads
            .Where(l => l.CompanyId == companyId && (l.WhopUserId == who.WhopUserId || (email != null && l.Email == email)))
            .ToListAsync(ct);
        var byUser = candidates.FirstOrDefault(l => l.WhopUserId == who.WhopUserId);
        // An address already linked to another Whop account is that account's: no guessing which of them this is.
        var byEmail = candidates.FirstOrDefault(l => email != null && l.Email == email && (l.WhopUserId is null || l.WhopUserId == who.WhopUserId));
        var lead = (byUser, byEmail) switch
        {
            (null, null) => null,
            ({ } user, null) => user,
            (null, { } mail) => mail,
            ({ } user, { } mail) when user.Id == mail.Id => user,
            ({ } user, { } mail) => await MergeAsync(db, user, mail, now, ct),
        };
        if (lead is null) return null;

        // A merged-in lead's sequences may be waiting for a channel even when the keeper had one.
        var wasReachable = lead.WhopUserId is not null && (byUser is null || byEmail is null || byUser.Id == byEmail.Id);
        lead.WhopUserId = who.WhopUserId;
        lead.MemberId = who.MemberId ?? lead.MemberId;
        // Only an address no other lead holds: byEmail was null or is this lead.
        if (lead.Email is null && email is not null && byEmail is null) lead.Email = email;
        lead.Name ??= StoredText.FitOrNull(who.Name, 200);
        await db.SaveChangesAsync(ct);
        if (!wasReachable && wake) await LeadReachability.WakeAsync(db, lead.Id, now, ct);
        return lead;
    }

    /// The user's lead, or a new one from <paramref name="source"/> captured at <paramref name="at"/>.
    public static async Task<Lead> FindOrCreateAsync(RevenueAngelDbContext db, string companyId, WhopLeadIdentity who, string source,
        DateTimeOffset at, DateTimeOffset now, CancellationToken ct)
    {
        if (await FindAsync(db, companyId, who, now, ct) is { } found) return found;
        var lead = new Lead
        {
            CompanyId = companyId, WhopUserId = who.WhopUserId, MemberId = who.MemberId, Email = LeadEmail.Check(who.Email).Email,
            Name = StoredText.FitOrNull(who.Name, 200), Source = source, CapturedAt = at,
        };
        db.Leads.Add(lead);
        await db.SaveChangesAsync(ct);
        return lead;
    }

    /// The lead seen first stays: its source and capture time say where the person came from. The other one's details
    /// fill the keeper's gaps (consent given on either side counts), its sequences move over where the keeper has none
    /// in that playbook (else they end), and it is deleted before the keeper takes its email or Whop user, so neither
    /// unique index ever sees two rows.
    private static async Task<Lead> MergeAsync(RevenueAngelDbContext db, Lead byUser, Lead byEmail, DateTimeOffset now, CancellationToken ct)
    {
        var (keep, drop) = byUser.CapturedAt <= byEmail.CapturedAt ? (byUser, byEmail) : (byEmail, byUser);
        var (email, whopUserId) = (byEmail.Email, byUser.WhopUserId);
        keep.Name ??= drop.Name;
        keep.UtmSource ??= drop.UtmSource;
        keep.MemberId ??= drop.MemberId;
        keep.WaitlistEntryId ??= drop.WaitlistEntryId;
        keep.WaitlistStatus ??= drop.WaitlistStatus;
        if (drop.EmailConsent && !keep.EmailConsent) (keep.EmailConsent, keep.ConsentText, keep.ConsentAt) = (true, drop.ConsentText, drop.ConsentAt);
        if (drop.Status == LeadStatus.Converted && keep.Status != LeadStatus.Converted)
            (keep.Status, keep.ConvertedAt, keep.ConvertedPaymentId) = (LeadStatus.Converted, drop.ConvertedAt, drop.ConvertedPaymentId);
        else if (keep.Status != LeadStatus.Converted && (drop.Status == LeadStatus.Unsubscribed || keep.Status == LeadStatus.New && drop.Status == LeadStatus.Nurturing))
            keep.Status = drop.Status;

        var keptPlaybooks = db.Enrollments.Where(e => e.SubjectKind == SubjectKind.Lead && e.SubjectId == keep.Id).Select(e => e.PlaybookId);
        await db.Enrollments.Where(e => e.SubjectKind == SubjectKind.Lead && e.SubjectId == drop.Id && !keptPlaybooks.Contains(e.PlaybookId))
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.SubjectId, keep.Id), ct);
        var left = db.Enrollments.Where(e => e.SubjectKind == SubjectKind.Lead && e.SubjectId == drop.Id && e.Status == EnrollmentStatus.Active);
        await SequenceStops.CancelSendsAsync(db, left.Select(e => e.Id), MergedReason, ct);
        await left.ExecuteUpdateAsync(u => u
            .SetProperty(e => e.Status, EnrollmentStatus.Exited)
            .SetProperty(e => e.EndedAt, Enrollment.EndedAtOrEntry(now))
            .SetProperty(e => e.EndReason, MergedReason), ct);

        db.Leads.Remove(drop);
        await db.SaveChangesAsync(ct);
        (keep.Email, keep.WhopUserId) = (email, whopUserId);
        await db.SaveChangesAsync(ct);
        return keep;
    }
}
