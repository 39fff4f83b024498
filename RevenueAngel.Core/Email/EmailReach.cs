using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Email;

/// Who may be emailed, and at which address. A web lead: only with the consent it gave on the form. A member: their
/// Whop email for ChurnSave only (a failed payment or a cancellation is about their account: transactional); any
/// other playbook is marketing, which needs consent we do not have for members. Never a suppressed address.
public sealed class EmailReach(IEmailTransport transport)
{
    /// Decided over the dispatcher's batch, which read the subjects and the suppressed addresses among them.
    internal (string? Address, string? Reason) Address(DispatchBatch batch, Playbook playbook, SubjectKind kind, long subjectId)
    {
        if (!transport.IsConfigured) return (null, "email is off (no Email:Host)");
        string? address;
        if (kind == SubjectKind.Lead)
        {
            var lead = batch.Variables.Leads[subjectId];
            if (lead.Email is null) return (null, "no email address");
            if (!lead.EmailConsent) return (null, "no email consent from this lead");
            address = lead.Email;
        }
        else
        {
            address = batch.Variables.Members[subjectId].Email;
            if (address is null) return (null, "no email address");
            if (playbook.Type != PlaybookType.ChurnSave)
                return (null, "a member's Whop email is used only for payment and cancellation messages (ChurnSave); marketing email needs consent");
        }
        if (batch.Suppressed.Contains((playbook.CompanyId, Leads.Lead.NormalizeEmail(address))))
            return (null, "the address is on the suppression list");
        return (address, null);
    }
}
