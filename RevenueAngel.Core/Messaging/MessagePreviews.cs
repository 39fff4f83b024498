using RevenueAngel.Core.Companies;
using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Dispatch;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Playbooks;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Messaging;

/// <param name="SubjectLabel">Who it was rendered for: a real member or lead, or "Sample member".</param>
/// <param name="EmailHtml">An email step's message as the inbox shows it (for a sandboxed frame).</param>
public sealed record MessagePreview(string SubjectLabel, RenderedMessage? Message, string? Error, string? EmailHtml = null);

/// The editor's live preview (a draft step rendered for a real subject of the company) and its "send a test to me".
public sealed class MessagePreviews(IDbContextFactory<RevenueAngelDbContext> contexts, SubjectVariables variables, LiquidTemplates templates,
    WhopMessenger messenger, Offers.StepOffers offers, TimeProvider time, Email.EmailMessenger email, Email.EmailComposer composer)
{
    public const string SampleOfferToken = "sample-offer";

    /// <param name="variantIndex">One of the step's A/B variants; null for the step's own message.</param>
    public async Task<MessagePreview> RenderAsync(string companyId, PlaybookDraft draft, int stepIndex, long? subjectId, CancellationToken ct = default,
        int? variantIndex = null)
    {
        if (stepIndex < 0 || stepIndex >= draft.Steps.Count) return new MessagePreview("", null, "No such step.");
        var step = draft.Steps[stepIndex];
        if (variantIndex is { } v && (v < 0 || v >= step.Variants.Count)) return new MessagePreview("", null, "No such variant.");
        var template = variantIndex is { } index ? step.Variants[index].ToTemplate(companyId, step.Channel) : step.ToTemplate(companyId);
        var channel = Email.StepChannels.LimitsOf(step);
        if (templates.Validate(template, ct, channel) is { Count: > 0 } problems) return new MessagePreview("", null, string.Join(" ", problems));

        await using var db = await contexts.CreateDbContextAsync(ct);
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == companyId, ct);
        var subject = await SubjectAsync(db, companyId, draft.Subject, subjectId, ct);
        var values = subject is null
            ? MessageVariables.Samples.ToDictionary()
            : (await variables.LoadAsync(db, company, draft.Type, draft.GoalPlanId, draft.Subject, subject.Value.Id, time.GetUtcNow(), ct)).Values;
        // A step with a save offer links each member to their own offer page, not to a checkout.
        if (step.Offer is not null && draft.Type == PlaybookType.ChurnSave)
            values["offer_url"] = offers.PageUrl(company.WhopExperienceId ?? "exp_your_app", SampleOfferToken);
        try
        {
            var message = await templates.RenderAsync(template, values, ct, channel);
            var html = step.Channel == MessageChannel.Email
                ? Email.EmailRendering.Render(message, company.EmailSenderName ?? company.Name, company.PostalAddress ?? "Your postal address (add it in Settings)",
                    composer.UnsubscribeUrl(company.Id, "preview@example.com")).Html
                : null;
            return new MessagePreview(subject?.Label ?? "Sample member", message, null, html);
        }
        catch (TemplateRenderException e)
        {
            return new MessagePreview(subject?.Label ?? "Sample member", null, e.Message);
        }
    }

    /// Renders the step (or one of its A/B variants) for a sample subject and sends it to the creator only.
    /// Returns what went wrong, or null.
    public async Task<string?> SendTestAsync(CompanyScope company, string whopUserId, PlaybookDraft draft, int stepIndex, CancellationToken ct = default,
        int? variantIndex = null)
    {
        var companyId = company.Id;
        var preview = await RenderAsync(companyId, draft, stepIndex, null, ct, variantIndex);
        if (preview.Message is null) return preview.Error;
        try
        {
            await messenger.SendTestAsync(companyId, whopUserId, preview.Message, ct);
            return null;
        }
        catch (WhopApiException e)
        {
            return $"Whop did not accept the test: {e.ErrorMessage}";
        }
    }

    /// An email step rendered for a sample subject, sent to <paramref name="address"/> only. Returns what went wrong, or null.
    public async Task<string?> SendTestEmailAsync(CompanyScope company, string address, PlaybookDraft draft, int stepIndex, CancellationToken ct = default,
        int? variantIndex = null)
    {
        var preview = await RenderAsync(company.Id, draft, stepIndex, null, ct, variantIndex);
        if (preview.Message is null) return preview.Error;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == company.Id, ct);
        if (row.PostalAddress is null) return "Add your postal address in Settings first: every email carries it (CAN-SPAM).";
        return await email.SendTestAsync(row, address.Trim(), preview.Message, ct);
    }

    private static async Task<(long Id, string Label)?> SubjectAsync(RevenueAngelDbContext db, string companyId, SubjectKind kind, long? subjectId,
        CancellationToken ct)
    {
        if (kind == SubjectKind.Lead)
        {
            var lead = await db.Leads.Where(l => l.CompanyId == companyId && (subjectId == null || l.Id == subjectId))
                .OrderBy(l => l.Id).Select(l => new { l.Id, Label = l.Name ?? l.Email ?? l.WhopUserId ?? "lead" }).FirstOrDefaultAsync(ct);
            return lead is null ? null : (lead.Id, lead.Label);
        }
        var member = await db.Members.Where(m => m.CompanyId == companyId && (subjectId == null || m.Id == subjectId))
            .OrderBy(m => m.Id).Select(m => new { m.Id, Label = m.Name ?? m.Username ?? m.WhopUserId }).FirstOrDefaultAsync(ct);
        return member is null ? null : (member.Id, member.Label);
    }
}
