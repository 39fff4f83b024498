using Microsoft.EntityFrameworkCore;
using RevenueAngel.Core.Persistence;
using RevenueAngel.Core.Whop;

namespace RevenueAngel.Core.Offers;

/// Resumes paused memberships whose date has come (unless the member resumed already), marks offers past
/// their date expired, and fails accepts the process never finished.
public sealed class OfferMaintenance(IDbContextFactory<RevenueAngelDbContext> contexts, WhopClient whop, TimeProvider time)
{
    /// Far beyond Whop's total timeout: an accept still `accepting` after this was cut off (the process stopped).
    public static readonly TimeSpan InterruptedAfter = TimeSpan.FromMinutes(15);

    public sealed record Run(int Resumed, int AlreadyResumed, int Failed, int Expired, int Interrupted = 0);

    public async Task<Run> RunAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var expired = await db.SaveOffers.Where(o => o.Status == OfferStatus.Offered && o.ExpiresAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OfferStatus.Expired), ct);
        // Never executed again (Whop may have done part of it): failed, with its calls on record for the creator to check.
        var cutOff = now - InterruptedAfter;
        var interrupted = await db.SaveOffers.Where(o => o.Status == OfferStatus.Accepting && o.AcceptedAt < cutOff).ToListAsync(ct);
        foreach (var offer in interrupted) offer.Fail("Interrupted while calling Whop; check the membership against the calls recorded.");
        await db.SaveChangesAsync(ct);
        var due = await db.SaveOffers
            .Where(o => o.Kind == OfferKind.Pause && o.Status == OfferStatus.Accepted && o.ResumedAt == null && o.ResumeAt <= now)
            .OrderBy(o => o.ResumeAt).Take(100).ToListAsync(ct);
        int resumed = 0, already = 0, failed = 0;
        foreach (var offer in due)
        {
            var calls = new OfferCalls(db, offer.Id, time);
            try
            {
                var membership = await calls.RunAsync("get_membership", offer.MembershipId, () => whop.GetMembershipAsync(offer.MembershipId, ct));
                if (membership.PaymentCollectionPaused)
                {
                    await calls.RunAsync("resume", offer.MembershipId, () => whop.ResumeMembershipAsync(offer.MembershipId, ct));
                    resumed++;
                }
                else
                {
                    already++;
                }
                offer.MarkResumed(time.GetUtcNow());
            }
            catch (OfferCallFailedException)
            {
                // Recorded with the offer; the next run tries again.
                failed++;
            }
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return new Run(resumed, already, failed, expired, interrupted.Count);
    }
}
