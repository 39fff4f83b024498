using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Webhooks;

namespace RevenueAngel.Core.Leads;

/// Web capture (a landing page posting with the company's public key) and manual add: one lead per email and
/// company. A known address is updated, never overwritten: consent becomes true when newly given (with the words
/// shown and when), an empty name or UTM source is filled. Two captures of one address at once insert one row:
/// the loser of the unique index updates the winner's. A new lead enters the Nurture playbooks at once
/// (LeadEnroller), and is linked to the company's member with that address, if any.
public sealed class LeadCapture(IDbContextFactory<RevenueAngelDbContext> contexts, LeadCaptureKeys keys, LeadEnroller enroller, TimeProvider time)
{
    public const int NameMaxLength = 200;
    public const int UtmSourceMaxLength = 200;
    public const int ConsentTextMaxLength = 1000;

    public async Task<LeadCaptureOutcome> CaptureAsync(string key, LeadCaptureRequest request, CancellationToken ct = default)
    {
        if (await keys.CompanyForAsync(key, ct) is not { } companyId) return new LeadCaptureOutcome(LeadCaptureStatus.UnknownKey);
        if (!string.IsNullOrEmpty(request.Website)) return new LeadCaptureOutcome(LeadCaptureStatus.Ignored);
        return await SaveAsync(companyId, request, LeadSources.Web, ct);
    }

    public Task<LeadCaptureOutcome> AddAsync(CompanyScope company, LeadCaptureRequest request, CancellationToken ct = default) =>
        SaveAsync(company.Id, request with { Website = null }, LeadSources.Manual, ct);

    private async Task<LeadCaptureOutcome> SaveAsync(string companyId, LeadCaptureRequest request, string source, CancellationToken ct)
    {
        var (email, problem) = LeadEmail.Check(request.Email);
        if (email is null) return LeadCaptureOutcome.Invalid("email", problem!);
        var tooLong = Longer(request.Name, NameMaxLength, "name") ?? Longer(request.UtmSource, UtmSourceMaxLength, "utm_source")
            ?? Longer(request.ConsentText, ConsentTextMaxLength, "consent_text");
        if (tooLong is not null) return tooLong;

        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var now = time.GetUtcNow();
            var lead = await db.Leads.SingleOrDefaultAsync(l => l.CompanyId == companyId && l.Email == email, ct);
            var created = lead is null;
            lead ??= db.Leads.Add(new Lead { CompanyId = companyId, Email = email, Source = source, CapturedAt = now }).Entity;
            Merge(lead, request, now);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (created && attempt < 3)
            {
                // Another capture of this address inserted it first: go again, as an update of that row.
                continue;
            }
            if (lead.WhopUserId is null) lead = await LinkMemberAsync(db, companyId, lead, now, ct);
            if (created) await enroller.EnrollAsync(companyId, lead.Id, ct);
            return new LeadCaptureOutcome(created ? LeadCaptureStatus.Created : LeadCaptureStatus.Updated, lead);
        }
    }

    private static void Merge(Lead lead, LeadCaptureRequest request, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(lead.Name) && Clean(request.Name, NameMaxLength) is { } name) lead.Name = name;
        if (lead.UtmSource is null && Clean(request.UtmSource, UtmSourceMaxLength) is { } utm) lead.UtmSource = utm;
        if (request.Consent && !lead.EmailConsent)
            (lead.EmailConsent, lead.ConsentText, lead.ConsentAt) = (true, Clean(request.ConsentText, ConsentTextMaxLength), now);
    }

    /// The company already knows this address as a member's (with `member:email:read`): the lead is that Whop user.
    private static async Task<Lead> LinkMemberAsync(RevenueAngelDbContext db, string companyId, Lead lead, DateTimeOffset now, CancellationToken ct)
    {
        var email = lead.Email!;
        var member = await db.Members.AsNoTracking().Where(m => m.CompanyId == companyId && m.Email != null && m.Email.ToLower() == email)
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.WhopUserId }).FirstOrDefaultAsync(ct);
        if (member is null) return lead;
        return await LeadLinker.FindAsync(db, companyId, new WhopLeadIdentity(member.WhopUserId, email, null, member.Id), now, ct) ?? lead;
    }

    private static LeadCaptureOutcome? Longer(string? text, int max, string field) =>
        text is { Length: > 0 } && text.Trim().Length > max ? LeadCaptureOutcome.Invalid(field, $"`{field}` is longer than {max} characters.") : null;

    private static string? Clean(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : StoredText.Fit(text.Trim(), max);
}
