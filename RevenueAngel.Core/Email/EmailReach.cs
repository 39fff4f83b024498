using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Email;

/// Who may be emailed, and at which address. A web lead: only with the consent it gave on the form. A member: their
/// Whop email for ChurnSave only (a failed payment or a cancellation is about their account: transactional); any
/// other playbook is marketing, which needs consent we do not have for members. Never a suppressed address.
public sealed class EmailReach(IEmailTransport transport)
{
    public async Task<(string? Address, string? Reason)> AddressAsync(RevenueAngelDbContext db, Playbook playbook, SubjectKind kind, long subjectId,
        CancellationToken ct)
    {
        if (!transport.IsConfigured) return (null, "email is off (no Email:Host)");
        string? address;
        if (kind == SubjectKind.Lead)
        {
            var lead = await db.Leads.AsNoTracking().Where(l => l.Id == subjectId).Select(l => new { l.Email, l.EmailConsent }).SingleAsync(ct);
            if (lead.Email is null) return (null, "no email address");
            if (!lead.EmailConsent) return (null, "no email consent from this lead");
            address = lead.Email;
        }
        else
        {
            address = await db.Members.AsNoTracking().Where(m => m.Id == subjectId).Select(m => m.Email).SingleAsync(ct);
            if (address is null) return (null, "no email address");
            if (playbook.Type != PlaybookType.ChurnSave)
                return (null, "a member's Whop email is used only for payment and cancellation messages (ChurnSave); marketing email needs consent");
        }
        if (await EmailSuppressions.IsSuppressedAsync(db, playbook.CompanyId, address, ct))
            return (null, "the address is on the suppression list");
        return (address, null);
    }
}
