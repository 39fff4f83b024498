using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Offers;

/// Makes save offers and lets their member accept or decline them. A member reaches an offer only by its token,
/// only as the Whop user it was made for, and only in the experience of its company; anything else is "not found".
public sealed class OfferService(
    IDbContextFactory<RevenueAngelDbContext> contexts,
    OfferExecutor executor,
    IOptions<OffersOptions> options,
    TimeProvider time)
{
    // Wall-clock polling while another request executes the same offer; not business time.
    private static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan SettleWait = TimeSpan.FromSeconds(20);

    private OffersOptions Options => options.Value;

    public async Task<CreatedOffer> CreateAsync(CompanyScope company, long memberId, string membershipId, OfferTerms terms,
        OfferOrigin? origin = null, CancellationToken ct = default)
    {
        if (terms.Problem() is { } problem) throw new ArgumentException(problem, nameof(terms));
        origin ??= new OfferOrigin();
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Memberships.AnyAsync(m => m.Id == membershipId && m.CompanyId == company.Id && m.MemberId == memberId, ct))
            throw new ArgumentException($"Membership {membershipId} is not member {memberId}'s in {company.Id}.", nameof(membershipId));
        if (terms.Kind == OfferKind.Downgrade && !await db.Plans.AnyAsync(p => p.Id == terms.PlanId && p.CompanyId == company.Id, ct))
            throw new ArgumentException($"Plan {terms.PlanId} is not {company.Id}'s.", nameof(terms));
        if (origin.SendId is { } sendId)
        {
            // A send rendered again (its first render never reached Whop) gets a fresh offer; one acted on stays.
            var replaced = await db.SaveOffers.Where(o => o.SendId == sendId && o.Status == OfferStatus.Offered).ExecuteDeleteAsync(ct);
            if (replaced == 0 && await db.SaveOffers.AnyAsync(o => o.SendId == sendId, ct))
                throw new InvalidOperationException($"Send {sendId}'s offer was already acted on.");
        }

        var token = SaveOffer.NewToken();
        var now = time.GetUtcNow();
        var offer = new SaveOffer
        {
            CompanyId = company.Id, MemberId = memberId, MembershipId = membershipId,
            PlaybookId = origin.PlaybookId, StepId = origin.StepId, EnrollmentId = origin.EnrollmentId, SendId = origin.SendId,
            Kind = terms.Kind,
            PauseDays = terms.Kind == OfferKind.Pause ? terms.Days : null,
            FreeDays = terms.Kind == OfferKind.FreeDays ? terms.Days : null,
            DiscountPercent = terms.Kind == OfferKind.Discount ? terms.Percent : null,
            DowngradePlanId = terms.Kind == OfferKind.Downgrade ? terms.PlanId : null,
            TokenHash = SaveOffer.HashOf(token), CreatedAt = now, ExpiresAt = now.AddDays(Options.ValidDays),
        };
        db.SaveOffers.Add(offer);
        await db.SaveChangesAsync(ct);
        return new CreatedOffer(offer.Id, token);
    }

    public async Task<OfferView?> FindAsync(string experienceId, string token, string whopUserId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await OfferViews.ForMember(db, experienceId, SaveOffer.HashOf(token), whopUserId, time.GetUtcNow()).FirstOrDefaultAsync(ct);
    }

    /// Executes the offer through Whop once, however many clicks and tabs ask: a conditional update lets one
    /// request through, and every other one waits for that request's outcome and reports it.
    public async Task<OfferResult> AcceptAsync(string experienceId, string token, string whopUserId, CancellationToken ct = default)
    {
        var hash = SaveOffer.HashOf(token);
        long id;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var offer = await Owned(db, experienceId, hash, whopUserId).Select(o => new { o.Id, o.CompanyId, o.MemberId, o.Status, o.ExpiresAt })
                .FirstOrDefaultAsync(ct);
            if (offer is null) return new OfferResult(OfferOutcome.NotFound, null);
            id = offer.Id;
            var now = time.GetUtcNow();
            if (offer.Status == OfferStatus.Offered && now >= offer.ExpiresAt) return await ExpireAsync(db, experienceId, hash, whopUserId, ct);
            if (offer.Status == OfferStatus.Offered)
            {
                var cutoff = now.AddDays(-Options.CooldownDays);
                var noCooldown = Options.CooldownDays == 0;
                await using var claim = await db.Database.BeginTransactionAsync(ct);
                await MemberLock.TakeAsync(db, offer.CompanyId, offer.MemberId, ct);
                var claimed = await db.SaveOffers
                    .Where(o => o.Id == id && o.Status == OfferStatus.Offered && o.ExpiresAt > now)
                    .Where(o => noCooldown || !db.SaveOffers.Any(x => x.CompanyId == o.CompanyId && x.MemberId == o.MemberId && x.Id != o.Id
                        && (x.Status == OfferStatus.Accepted || x.Status == OfferStatus.Accepting) && x.AcceptedAt > cutoff))
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OfferStatus.Accepting).SetProperty(o => o.AcceptedAt, now), ct);
                await claim.CommitAsync(ct);
                if (claimed == 1)
                {
                    // Once Whop is being called the accept finishes, even if the member closes the page meanwhile.
                    var accepted = await executor.ExecuteAsync(id, CancellationToken.None);
                    return new OfferResult(accepted ? OfferOutcome.Accepted : OfferOutcome.Failed, await ViewAsync(experienceId, hash, whopUserId, ct));
                }
                var current = await db.SaveOffers.AsNoTracking().Where(o => o.Id == id).Select(o => new { o.Status, o.ExpiresAt }).SingleAsync(ct);
                if (current.Status == OfferStatus.Offered)
                {
                    return time.GetUtcNow() >= current.ExpiresAt
                        ? await ExpireAsync(db, experienceId, hash, whopUserId, ct)
                        : new OfferResult(OfferOutcome.Cooldown, await ViewAsync(experienceId, hash, whopUserId, ct));
                }
            }
        }
        return await SettledAsync(experienceId, hash, whopUserId, ct);
    }

    public async Task<OfferResult> DeclineAsync(string experienceId, string token, string whopUserId, string cancelOption, CancellationToken ct = default)
    {
        if (!CancelOptions.IsKnown(cancelOption)) throw new ArgumentException($"'{cancelOption}' is not one of Whop's cancellation reasons.", nameof(cancelOption));
        var hash = SaveOffer.HashOf(token);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var offer = await Owned(db, experienceId, hash, whopUserId).Select(o => new { o.Id, o.Status, o.ExpiresAt }).FirstOrDefaultAsync(ct);
        if (offer is null) return new OfferResult(OfferOutcome.NotFound, null);
        var now = time.GetUtcNow();
        if (offer.Status == OfferStatus.Offered && now >= offer.ExpiresAt) return await ExpireAsync(db, experienceId, hash, whopUserId, ct);
        var declined = await db.SaveOffers.Where(o => o.Id == offer.Id && o.Status == OfferStatus.Offered)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OfferStatus.Declined).SetProperty(o => o.DeclinedAt, now)
                .SetProperty(o => o.DeclineReason, cancelOption), ct);
        if (declined == 1) return new OfferResult(OfferOutcome.Declined, await ViewAsync(experienceId, hash, whopUserId, ct));
        return await SettledAsync(experienceId, hash, whopUserId, ct);
    }

    private async Task<OfferResult> ExpireAsync(RevenueAngelDbContext db, string experienceId, string hash, string whopUserId, CancellationToken ct)
    {
        await db.SaveOffers.Where(o => o.TokenHash == hash && o.Status == OfferStatus.Offered)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OfferStatus.Expired), ct);
        return await SettledAsync(experienceId, hash, whopUserId, ct);
    }

    /// The outcome of an offer someone already acted on, once it is no longer being executed.
    private async Task<OfferResult> SettledAsync(string experienceId, string hash, string whopUserId, CancellationToken ct)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            var view = await ViewAsync(experienceId, hash, whopUserId, ct);
            if (view is null) return new OfferResult(OfferOutcome.NotFound, null);
            if (view.Status != OfferStatus.Accepting || waited >= SettleWait)
            {
                return new OfferResult(view.Status switch
                {
                    OfferStatus.Accepted => OfferOutcome.AlreadyAccepted,
                    OfferStatus.Declined => OfferOutcome.AlreadyDeclined,
                    OfferStatus.Expired => OfferOutcome.Expired,
                    OfferStatus.Failed => OfferOutcome.Failed,
                    _ => OfferOutcome.InProgress,
                }, view);
            }
            await Task.Delay(SettlePoll, ct);
            waited += SettlePoll;
        }
    }

    private async Task<OfferView?> ViewAsync(string experienceId, string hash, string whopUserId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await OfferViews.ForMember(db, experienceId, hash, whopUserId, time.GetUtcNow()).FirstOrDefaultAsync(ct);
    }

    private static IQueryable<SaveOffer> Owned(RevenueAngelDbContext db, string experienceId, string hash, string whopUserId) =>
        OfferViews.Owned(db, experienceId, hash, whopUserId);
}
