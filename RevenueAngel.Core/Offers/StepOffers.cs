using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Members;
using RevenueAngel.Core.Messaging;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Core.Offers;

/// A ChurnSave step with an offer makes one for each send's member as the send is rendered, and points
/// `offer_url` and the push's deep link at the member's offer page.
public sealed class StepOffers(OfferService offers, IOptions<MessagingOptions> options)
{
    /// The deep link (`rest_path`) to the offer, or null when the step makes none for this send.
    public async Task<string?> AttachAsync(RevenueAngelDbContext db, Company company, Recipient subject, Send send, SubjectValues values,
        CancellationToken ct)
    {
        if (subject.Kind != SubjectKind.Member || company.WhopExperienceId is not { } experienceId) return null;
        var step = await db.PlaybookSteps.AsNoTracking().Where(s => s.Id == send.StepId)
            .Join(db.Playbooks, s => s.PlaybookId, p => p.Id, (s, p) => new { s.OfferKind, s.OfferValue, s.OfferPlanId, p.Trigger, p.CancelOfferRoutes })
            .SingleAsync(ct);
        if (step.OfferKind is not { } kind) return null;
        var membership = await db.Memberships.AsNoTracking()
            .Where(m => m.CompanyId == company.Id && m.MemberId == subject.Id && MembershipStatuses.Live.Contains(m.Status))
            .OrderByDescending(m => m.CreatedAt).Select(m => new { m.Id, m.CancelOption }).FirstOrDefaultAsync(ct);
        if (membership is null) return null;
        var terms = (step.Trigger == PlaybookTrigger.CancelRequested ? CancelOfferRoutes.For(CancelOfferRoutes.Parse(step.CancelOfferRoutes), membership.CancelOption) : null)
            ?? OfferTerms.Of(kind, step.OfferValue, step.OfferPlanId);

        var offer = await offers.CreateAsync(new CompanyScope(company.Id), subject.Id, membership.Id, terms,
            new OfferOrigin(send.PlaybookId, send.StepId, send.EnrollmentId, send.Id), ct);
        values.Values["offer_url"] = PageUrl(experienceId, offer.Token);
        return $"/offers/{offer.Token}";
    }

    /// The member's offer page inside our experience; the editor's preview shows it with a sample token.
    public string PageUrl(string experienceId, string token)
    {
        var path = $"/experiences/{Uri.EscapeDataString(experienceId)}/offers/{token}";
        return options.Value.PublicBaseUrl is { Length: > 0 } baseUrl ? baseUrl.TrimEnd('/') + path : path;
    }
}
